package org.ecifhub.gateway.domain;

/**
 * How personal data looks to a caller without clearance: an id number keeps its first four and last four
 * characters ({@code 4313**********123X}), a phone its first three and last four ({@code 138****5678}), an address
 * only its part up to the county or district.
 */
public final class Masking {

    private Masking() {
    }

    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        String s = id.strip();
        if (s.length() <= 8) {
            return "*".repeat(s.length());
        }
        return s.substring(0, 4) + "*".repeat(s.length() - 8) + s.substring(s.length() - 4);
    }

    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String s = phone.strip();
        if (s.startsWith("+86")) {
            s = s.substring(3).strip();
        }
        String digits = s.replaceAll("[\\s-]", "");
        if (digits.length() <= 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    /**
     * The address cut after its county-level part (县, 区, 旗 or a county-level 市 after a prefecture); an
     * address with no such part keeps only its first six characters. Anything cut is replaced by {@code ****}.
     */
    public static String address(String address) {
        if (address == null) {
            return null;
        }
        String s = address.strip();
        int cut = countyEnd(s);
        if (cut < 0) {
            cut = Math.min(6, s.length());
        }
        return cut >= s.length() ? s : s.substring(0, cut) + "****";
    }

    private static int countyEnd(String s) {
        int best = -1;
        for (char marker : new char[] {'县', '区', '旗'}) {
            int i = s.indexOf(marker);
            // 自治区 is a province-level unit, not a county: look past it.
            while (i >= 0 && i >= 2 && s.startsWith("自治区", i - 2)) {
                i = s.indexOf(marker, i + 1);
            }
            if (i >= 0 && (best < 0 || i + 1 < best)) {
                best = i + 1;
            }
        }
        if (best < 0) {
            // A county-level city follows a prefecture (…市…市) or a province (…省…市).
            int first = s.indexOf('市');
            int second = first < 0 ? -1 : s.indexOf('市', first + 1);
            if (second > 0) {
                best = second + 1;
            } else if (first > 0 && s.indexOf('省') >= 0 && s.indexOf('省') < first) {
                best = first + 1;
            }
        }
        return best;
    }
}
