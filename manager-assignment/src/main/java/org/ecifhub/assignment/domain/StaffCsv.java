package org.ecifhub.assignment.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a staff bulk-import file: UTF-8 CSV with a header row naming the columns {@code staffId, name, branchCode,
 * role, grade, capacity} and optionally {@code status} (ACTIVE or ON_LEAVE). A teller's grade is left empty;
 * an empty capacity means the default. Values may be quoted ("..."), with "" for a quote inside.
 */
public final class StaffCsv {

    public static final int DEFAULT_CAPACITY = 300;
    static final List<String> REQUIRED = List.of("staffId", "name", "branchCode", "role");

    public record Row(int index, String staffId, String name, String branchCode, StaffRole role, Grade grade,
                      int capacity, StaffStatus status) {
    }

    /** A refused value: {@code index} is the data row, 0-based (the header is not counted). */
    public record Error(int index, String field, String reason) {
    }

    public record Result(List<Row> rows, List<Error> errors) {
    }

    private StaffCsv() {
    }

    public static Result parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<Error> errors = new ArrayList<>();
        String[] lines = text.replace("\uFEFF", "").split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            errors.add(new Error(0, "header", "the file is empty: a header row is required"));
            return new Result(rows, errors);
        }
        List<String> header = split(lines[0]).stream().map(String::strip).toList();
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                errors.add(new Error(0, column, "missing column in the header"));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(rows, errors);
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (int l = 1; l < lines.length; l++) {
            if (lines[l].isBlank()) {
                continue;
            }
            List<String> values = split(lines[l]);
            Map<String, String> v = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String value = i < values.size() ? values.get(i).strip() : "";
                v.put(header.get(i), value.isEmpty() ? null : value);
            }
            Row row = row(index, v, errors);
            if (row != null) {
                if (!seen.add(row.staffId())) {
                    errors.add(new Error(index, "staffId", "appears twice in the file"));
                } else {
                    rows.add(row);
                }
            }
            index++;
        }
        return new Result(rows, errors);
    }

    private static Row row(int index, Map<String, String> v, List<Error> errors) {
        int before = errors.size();
        for (String column : REQUIRED) {
            if (v.get(column) == null) {
                errors.add(new Error(index, column, "is required"));
            }
        }
        if (v.get("staffId") != null && v.get("staffId").length() > 32) {
            errors.add(new Error(index, "staffId", "at most 32 characters"));
        }
        StaffRole role = null;
        if (v.get("role") != null) {
            try {
                role = StaffRole.valueOf(v.get("role").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Error(index, "role", "must be CUSTOMER_MANAGER or TELLER"));
            }
        }
        Grade grade = null;
        boolean gradeUnreadable = false;
        if (v.get("grade") != null) {
            try {
                grade = Grade.valueOf(v.get("grade").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                gradeUnreadable = true;
                errors.add(new Error(index, "grade", "must be SENIOR, MANAGER or TRAINEE"));
            }
        }
        String gradeProblem = gradeProblem(role, grade);
        if (gradeProblem != null && !gradeUnreadable) {
            errors.add(new Error(index, "grade", gradeProblem));
        }
        int capacity = DEFAULT_CAPACITY;
        if (v.get("capacity") != null) {
            try {
                capacity = Integer.parseInt(v.get("capacity"));
                if (capacity < 0) {
                    errors.add(new Error(index, "capacity", "must not be negative"));
                }
            } catch (NumberFormatException e) {
                errors.add(new Error(index, "capacity", "must be a whole number"));
            }
        }
        StaffStatus status = StaffStatus.ACTIVE;
        if (v.get("status") != null) {
            try {
                status = StaffStatus.valueOf(v.get("status").toUpperCase(Locale.ROOT));
                if (!status.keepsCustomers()) {
                    errors.add(new Error(index, "status", "import sets ACTIVE or ON_LEAVE; departures go through the hand-over"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new Error(index, "status", "must be ACTIVE or ON_LEAVE"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Row(index, v.get("staffId"), v.get("name"), v.get("branchCode"), role, grade, capacity, status);
    }

    /** Why a role and grade do not go together, or null: a customer manager needs a grade, a teller has none. */
    public static String gradeProblem(StaffRole role, Grade grade) {
        if (role == StaffRole.CUSTOMER_MANAGER && grade == null) {
            return "a customer manager needs a grade (SENIOR, MANAGER or TRAINEE)";
        }
        if (role == StaffRole.TELLER && grade != null) {
            return "a teller has no grade";
        }
        return null;
    }

    /** One CSV line into values ("..." quoting, "" for a quote inside). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
