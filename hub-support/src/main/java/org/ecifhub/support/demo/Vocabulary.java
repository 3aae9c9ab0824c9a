package org.ecifhub.support.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The word lists the demo population is drawn from: 娄底 counties and their towns, surnames and given-name
 * characters, occupations, company names. Weights are rough so that the data looks like a 冷水江 rural bank's,
 * not exact statistics.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    /** A county-level region of 娄底市 with the towns used in addresses. */
    record County(String regionCode, String name, char landlineDigit, List<String> towns) {
    }

    /** A kind of business: the name suffix and the GB 32100 organisation category of its USCC. */
    record Industry(String suffix, char usccCategory) {

        /** Individual businesses (个体工商户) are named after their street or town, not their county alone. */
        boolean individualBusiness() {
            return usccCategory == '2';
        }
    }

    static final String PROVINCE = "湖南省";
    static final String CITY = "娄底市";

    static final County LENGSHUIJIANG = new County("431381", "冷水江市", '5', List.of(
            "冷水江街道", "布溪街道", "锡矿山街道", "沙塘湾街道", "渣渡镇", "铎山镇", "禾青镇", "岩口镇", "三尖镇",
            "金竹山镇", "毛易镇", "中连乡"));

    /**
     * Where parties are registered and live. The bank's branches are all in 冷水江, so most customers are from
     * there, the rest from the neighbouring counties of 娄底.
     */
    static final Weighted<County> COUNTIES = new Weighted<>(List.of(
            LENGSHUIJIANG,
            new County("431382", "涟源市", '4', List.of(
                    "蓝田街道", "龙塘镇", "六亩塘镇", "桥头河镇", "杨市镇", "伏口镇", "石马山镇", "白马镇")),
            new County("431322", "新化县", '3', List.of(
                    "上梅街道", "桑梓镇", "洋溪镇", "琅塘镇", "游家镇", "孟公镇")),
            new County("431321", "双峰县", '6', List.of(
                    "永丰街道", "荷叶镇", "井字镇", "梓门桥镇", "青树坪镇", "甘棠镇")),
            new County("431302", "娄星区", '8', List.of(
                    "乐坪街道", "花山街道", "大科街道", "长青街道", "杉山镇", "万宝镇"))),
            60, 12, 12, 8, 8);

    /** The demo branches, all in 冷水江; the head office branch holds the most customers. */
    static final Weighted<String> BRANCHES =
            Weighted.parse("LSJ001:30 LSJ002:20 LSJ003:15 LSJ004:15 LSJ005:10 LSJ006:10");

    /** Common surnames with a Hunan flavour, including one compound surname to keep name parsers honest. */
    static final Weighted<String> SURNAMES = Weighted.parse("""
            李:12 刘:10 陈:9 王:9 张:8 周:6 罗:5 谢:5 曾:5 彭:5 邓:4 肖:4 胡:4 杨:4 黄:4 谭:3 吴:3 赵:3 唐:3 朱:3
            蒋:3 颜:2 梁:2 袁:2 龚:2 贺:2 廖:2 孙:2 徐:2 郭:2 何:2 马:1 高:1 林:1 欧阳:1""");

    static final String MALE_GIVEN = "伟强军勇杰涛斌峰辉明华平建国文志林波超刚鹏浩宇俊磊洋东海兵新春德福贵成龙云飞亮";
    static final String FEMALE_GIVEN = "丽芳娟敏静燕艳霞玲红英华秀梅兰萍琴莉婷雪慧娜桂凤群春小晓佳欣怡琳颖";

    /** Same-sounding characters that clerks and customers mix up when a name is typed in again. */
    static final Map<Character, Character> HOMOPHONES = Map.ofEntries(
            Map.entry('伟', '玮'), Map.entry('玮', '伟'), Map.entry('丽', '莉'), Map.entry('莉', '丽'),
            Map.entry('华', '桦'), Map.entry('明', '鸣'), Map.entry('军', '君'), Map.entry('芳', '方'),
            Map.entry('红', '宏'), Map.entry('英', '瑛'), Map.entry('平', '萍'), Map.entry('萍', '平'),
            Map.entry('敏', '民'), Map.entry('娟', '涓'), Map.entry('杰', '洁'), Map.entry('涛', '韬'),
            Map.entry('辉', '晖'), Map.entry('峰', '锋'), Map.entry('林', '琳'), Map.entry('琳', '林'),
            Map.entry('霞', '夏'), Map.entry('燕', '艳'), Map.entry('艳', '燕'), Map.entry('勇', '永'),
            Map.entry('斌', '彬'), Map.entry('静', '晶'), Map.entry('婷', '亭'), Map.entry('波', '博'));

    static final String VILLAGE_FIRST = "东西南北新石塘枫桃竹杨柳金高大上下龙花长";
    static final String VILLAGE_SECOND = "塘山坪冲湾桥溪田岭坳江洲园源湖";
    static final List<String> STREETS = List.of(
            "人民路", "新华路", "建设路", "解放路", "沿江路", "迎宾路", "光明路", "团结路", "育才路", "五一路");

    static final List<String> MOBILE_PREFIXES = List.of(
            "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
            "156", "158", "159", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199");

    /** Occupations of working age; students and the retired are decided by age. */
    static final Weighted<String> OCCUPATIONS = Weighted.parse("""
            农民:30 个体工商户:14 企业职工:14 务工人员:12 自由职业:6 教师:4 公务员:3 医生:2 司机:4 无业:5""");
    static final String STUDENT = "学生";
    static final String RETIRED = "退休人员";

    /** Characters businesses put in their trade names. */
    static final String BRANDS = "鑫华盛宏兴恒福瑞泰隆源达丰旺顺金博信远湘诚和嘉豪润康";

    static final Weighted<Industry> INDUSTRIES = new Weighted<>(List.of(
            new Industry("农业发展有限公司", '1'), new Industry("建材有限责任公司", '1'),
            new Industry("锑业有限公司", '1'), new Industry("商贸有限公司", '1'),
            new Industry("物流有限公司", '1'), new Industry("建筑工程有限公司", '1'),
            new Industry("机械制造有限公司", '1'), new Industry("餐饮管理有限公司", '1'),
            new Industry("种养专业合作社", '3'), new Industry("便民超市", '2'), new Industry("农资经营部", '2')),
            10, 8, 4, 10, 5, 6, 4, 4, 6, 8, 5);

    static char pickChar(RandomGenerator rnd, String chars) {
        return chars.charAt(rnd.nextInt(chars.length()));
    }

    static <T> T pick(RandomGenerator rnd, List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    /** Values with integer weights, drawn in proportion to their weight. */
    static final class Weighted<T> {

        private final List<T> values;
        private final int[] cumulative;

        Weighted(List<T> values, int... weights) {
            if (values.size() != weights.length) {
                throw new IllegalArgumentException(values.size() + " values but " + weights.length + " weights");
            }
            this.values = List.copyOf(values);
            this.cumulative = new int[weights.length];
            int total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += weights[i];
                cumulative[i] = total;
            }
        }

        /** Parses whitespace-separated {@code value:weight} pairs. */
        static Weighted<String> parse(String spec) {
            List<String> values = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            for (String pair : spec.strip().split("\\s+")) {
                int colon = pair.lastIndexOf(':');
                values.add(pair.substring(0, colon));
                weights.add(Integer.parseInt(pair.substring(colon + 1)));
            }
            return new Weighted<>(values, weights.stream().mapToInt(Integer::intValue).toArray());
        }

        T pick(RandomGenerator rnd) {
            int r = rnd.nextInt(cumulative[cumulative.length - 1]);
            for (int i = 0; ; i++) {
                if (r < cumulative[i]) {
                    return values.get(i);
                }
            }
        }

        List<T> values() {
            return values;
        }
    }
}
