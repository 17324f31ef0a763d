// HuopanCorpus: a deterministic generator of 1688-style offers with ground
// truth (each offer's product type and attributes), for tests, benchmarks and
// judged query sets. The vocabulary below is curated from how wholesale
// listings are written; belts are real industrial clusters.

/// An industrial belt (产业带): where a kind of goods is made and wholesaled.
public struct Belt: Sendable, Hashable {
    public let key: String
    public let name: String
    public let province: String
    public let region: String
    /// Short names buyers type (十三行, 华强北); the region itself is always one.
    public let aliases: [String]
}

/// One kind of product. The ground truth of an offer is its product type plus
/// the attribute values it was generated with.
public struct ProductType: Sendable, Hashable {
    public let key: String
    /// The canonical product word (also a lexicon entry).
    public let name: String
    /// Other words sellers use for it in titles (体恤 for T恤).
    public let aliases: [String]
    public let category: [String]
    /// Attribute name → values; each offer gets one value per attribute.
    public let attributes: [(String, [String])]
    public let price: ClosedRange<Double>
    public let moqs: [Int]
    public let belts: [String]
    public let brands: [String]
    /// Words that may stand before the product word (人群, 场景).
    public let audiences: [String]
    /// Model-number pattern for goods that carry one ("HW#-###" → letters/digits).
    public let model: String?
    public let customizable: Double
    public let dropshippable: Double

    public static func == (a: ProductType, b: ProductType) -> Bool { a.key == b.key }
    public func hash(into h: inout Hasher) { h.combine(key) }
}

public enum Taxonomy {
    static let colors = ["白色", "黑色", "红色", "粉色", "蓝色", "灰色", "卡其色", "绿色", "黄色", "紫色", "米白色", "藏青色"]
    static let clothMaterials = ["纯棉", "棉麻", "雪纺", "涤纶", "针织", "冰丝", "莫代尔", "亚麻", "真丝", "羊毛"]
    static let clothStyles = ["韩版", "法式", "复古", "简约", "宽松", "修身", "百搭", "ins风", "日系", "国潮", "通勤", "休闲"]
    static let seasons = ["春季", "夏季", "秋季", "冬季", "春秋"]
    static let sizes = ["S-XL", "M-3XL", "均码", "大码"]
    static let shoeSizes = ["35-40", "36-44", "39-44", "38-45"]
    static let plastic = ["pp塑料", "abs", "硅胶", "pc"]

    public static let belts: [Belt] = [
        Belt(key: "yiwu", name: "义乌小商品", province: "浙江", region: "义乌", aliases: ["义乌"]),
        Belt(key: "shisanhang", name: "广州十三行女装", province: "广东", region: "广州", aliases: ["十三行", "广州十三行"]),
        Belt(key: "sijiqing", name: "杭州四季青服装", province: "浙江", region: "杭州", aliases: ["四季青"]),
        Belt(key: "humen", name: "虎门服装", province: "广东", region: "东莞", aliases: ["虎门"]),
        Belt(key: "huaqiangbei", name: "深圳华强北电子", province: "广东", region: "深圳", aliases: ["华强北"]),
        Belt(key: "wenzhou", name: "温州鞋业", province: "浙江", region: "温州", aliases: ["温州"]),
        Belt(key: "jinjiang", name: "晋江运动鞋", province: "福建", region: "泉州", aliases: ["晋江"]),
        Belt(key: "putian", name: "莆田鞋业", province: "福建", region: "莆田", aliases: ["莆田"]),
        Belt(key: "cixi", name: "慈溪小家电", province: "浙江", region: "宁波", aliases: ["慈溪", "宁波"]),
        Belt(key: "shunde", name: "顺德家电", province: "广东", region: "佛山", aliases: ["顺德", "佛山"]),
        Belt(key: "guzhen", name: "古镇灯饰", province: "广东", region: "中山", aliases: ["古镇", "中山"]),
        Belt(key: "chenghai", name: "澄海玩具", province: "广东", region: "汕头", aliases: ["澄海", "汕头"]),
        Belt(key: "baigou", name: "白沟箱包", province: "河北", region: "保定", aliases: ["白沟"]),
        Belt(key: "pinghu", name: "平湖箱包", province: "浙江", region: "嘉兴", aliases: ["平湖"]),
        Belt(key: "nantong", name: "南通家纺", province: "江苏", region: "南通", aliases: ["南通"]),
        Belt(key: "yongkang", name: "永康五金", province: "浙江", region: "金华", aliases: ["永康"]),
        Belt(key: "zhili", name: "织里童装", province: "浙江", region: "湖州", aliases: ["织里"]),
        Belt(key: "yangjiang", name: "阳江刀剪", province: "广东", region: "阳江", aliases: ["阳江"]),
        Belt(key: "chaozhou", name: "潮州陶瓷", province: "广东", region: "潮州", aliases: ["潮州"]),
        Belt(key: "anji", name: "安吉椅业", province: "浙江", region: "湖州", aliases: ["安吉"]),
        Belt(key: "jieyang", name: "揭阳五金", province: "广东", region: "揭阳", aliases: ["揭阳"]),
        Belt(key: "zhuji", name: "诸暨袜业", province: "浙江", region: "绍兴", aliases: ["诸暨"]),
        Belt(key: "cangnan", name: "苍南印刷包装", province: "浙江", region: "温州", aliases: ["苍南"]),
        Belt(key: "dongguan", name: "东莞电子", province: "广东", region: "东莞", aliases: ["东莞"]),
        Belt(key: "yuyao", name: "余姚塑料", province: "浙江", region: "宁波", aliases: ["余姚"]),
        Belt(key: "baiyun", name: "广州白云美妆", province: "广东", region: "广州", aliases: ["白云", "广州"]),
        Belt(key: "linyi", name: "临沂商贸", province: "山东", region: "临沂", aliases: ["临沂"]),
        Belt(key: "anxi", name: "安溪茶叶", province: "福建", region: "泉州", aliases: ["安溪"]),
        Belt(key: "nanhe", name: "南和宠物用品", province: "河北", region: "邢台", aliases: ["南和"]),
    ]

    static func p(
        _ key: String, _ name: String, _ aliases: [String], _ category: [String],
        _ attributes: [(String, [String])], price: ClosedRange<Double>, moq: [Int], belts: [String],
        brands: [String] = [], audiences: [String] = [], model: String? = nil,
        custom: Double = 0.3, dropship: Double = 0.5
    ) -> ProductType {
        ProductType(
            key: key, name: name, aliases: aliases, category: category, attributes: attributes, price: price,
            moqs: moq, belts: belts, brands: brands, audiences: audiences, model: model,
            customizable: custom, dropshippable: dropship)
    }

    static let womenBelts = ["shisanhang", "sijiqing", "humen"]
    static let clothBrands = ["艾丽莎", "衣梦", "韩都", "森马", "优衣坊"]

    public static let productTypes: [ProductType] = [
        // 女装
        p(
            "dress", "连衣裙", ["裙子", "长裙"], ["女装", "连衣裙"],
            [("材质", ["雪纺", "纯棉", "棉麻", "真丝", "针织", "蕾丝"]), ("风格", clothStyles), ("颜色", colors), ("季节", seasons)],
            price: 28...168, moq: [1, 2, 3, 5], belts: womenBelts, brands: clothBrands, audiences: ["女", "大码女装"], custom: 0.25,
            dropship: 0.7),
        p(
            "skirt", "半身裙", ["短裙", "a字裙"], ["女装", "裙装"],
            [("材质", ["牛仔", "雪纺", "针织", "pu皮"]), ("风格", clothStyles), ("颜色", colors)],
            price: 22...98, moq: [2, 3, 5], belts: womenBelts, brands: clothBrands, audiences: ["女"], custom: 0.2, dropship: 0.7),
        p(
            "tshirt", "t恤", ["体恤", "短袖"], ["女装", "上衣"],
            [("材质", ["纯棉", "莫代尔", "冰丝", "涤纶"]), ("风格", clothStyles), ("颜色", colors), ("领型", ["圆领", "v领", "polo领"])],
            price: 9.9...59, moq: [2, 5, 10, 50], belts: womenBelts + ["yiwu"], brands: clothBrands, audiences: ["女", "男女同款", "情侣"],
            custom: 0.45, dropship: 0.7),
        p(
            "shirt", "衬衫", ["衬衣"], ["女装", "上衣"],
            [("材质", ["纯棉", "雪纺", "真丝", "亚麻"]), ("风格", clothStyles), ("颜色", colors)],
            price: 25...129, moq: [2, 5, 10], belts: womenBelts, brands: clothBrands, audiences: ["女", "职业"], custom: 0.3, dropship: 0.6),
        p(
            "hoodie", "卫衣", ["连帽卫衣"], ["女装", "上衣"],
            [("材质", ["纯棉", "加绒", "涤纶"]), ("风格", clothStyles), ("颜色", colors), ("季节", ["秋季", "冬季", "春秋"])],
            price: 29...139, moq: [2, 5, 10, 50], belts: womenBelts + ["humen"], brands: clothBrands, audiences: ["女", "男女同款", "学生"],
            custom: 0.5, dropship: 0.6),
        p(
            "jeans", "牛仔裤", ["直筒裤"], ["女装", "裤装"],
            [("版型", ["高腰", "阔腿", "直筒", "小脚", "喇叭"]), ("风格", clothStyles), ("颜色", ["浅蓝色", "深蓝色", "黑色", "白色"])],
            price: 35...149, moq: [2, 3, 5, 10], belts: ["humen", "shisanhang", "sijiqing"], brands: clothBrands, audiences: ["女"],
            custom: 0.2, dropship: 0.6),
        p(
            "yoga_pants", "瑜伽裤", ["健身裤", "打底裤"], ["运动户外", "运动服"],
            [("材质", ["锦纶", "氨纶", "裸感面料"]), ("版型", ["高腰", "提臀", "九分"]), ("颜色", colors)],
            price: 18...88, moq: [2, 10, 50, 100], belts: ["yiwu", "humen"], brands: ["lulu风", "暴走"], audiences: ["女", "健身"], custom: 0.6,
            dropship: 0.6),
        // 男装
        p(
            "polo", "polo衫", ["翻领t恤"], ["男装", "上衣"],
            [("材质", ["纯棉", "冰丝", "珠地棉"]), ("颜色", colors), ("风格", ["商务", "休闲", "简约"])],
            price: 25...119, moq: [2, 10, 50], belts: ["humen", "yiwu"], brands: ["七匹马", "劲霸风"], audiences: ["男", "中年男士", "工作服"],
            custom: 0.7, dropship: 0.5),
        p(
            "down_jacket", "羽绒服", ["羽绒外套"], ["男装", "外套"],
            [("填充", ["白鸭绒", "灰鸭绒", "白鹅绒"]), ("版型", ["短款", "长款", "连帽"]), ("颜色", colors)],
            price: 128...599, moq: [1, 2, 5, 20], belts: ["humen", "sijiqing", "nantong"], brands: ["雪中飞", "北极熊"],
            audiences: ["男", "女", "情侣"], custom: 0.3, dropship: 0.5),
        // 童装
        p(
            "kids_set", "儿童套装", ["童装套装"], ["童装", "套装"],
            [("材质", ["纯棉", "针织", "加绒"]), ("季节", seasons), ("颜色", colors)],
            price: 19...99, moq: [3, 5, 10], belts: ["zhili"], brands: ["巴拉熊", "小猪班纳风"], audiences: ["男童", "女童", "中大童"], custom: 0.3,
            dropship: 0.7),
        p(
            "baby_romper", "婴儿连体衣", ["哈衣", "爬服"], ["童装", "婴儿服"],
            [("材质", ["纯棉", "竹纤维", "有机棉"]), ("季节", seasons), ("颜色", ["白色", "粉色", "蓝色", "黄色"])],
            price: 15...69, moq: [3, 5, 10], belts: ["zhili"], brands: ["童泰风"], audiences: ["新生儿", "宝宝"], custom: 0.3, dropship: 0.7),
        // 鞋
        p(
            "sneakers", "运动鞋", ["跑步鞋", "休闲鞋"], ["鞋靴", "运动鞋"],
            [("鞋面", ["网面", "飞织", "pu皮", "真皮"]), ("尺码", shoeSizes), ("颜色", colors)],
            price: 39...229, moq: [1, 2, 6, 12], belts: ["jinjiang", "putian", "wenzhou"], brands: ["鸿星尔克风", "回力", "踏步"],
            audiences: ["男", "女", "学生", "情侣"], custom: 0.4, dropship: 0.7),
        p(
            "dad_shoes", "老爹鞋", ["厚底鞋"], ["鞋靴", "运动鞋"],
            [("鞋面", ["网面", "pu皮", "翻毛皮"]), ("尺码", shoeSizes), ("颜色", colors)],
            price: 49...199, moq: [1, 2, 6], belts: ["jinjiang", "putian"], brands: ["回力", "踏步"], audiences: ["女", "男", "学生"], custom: 0.3,
            dropship: 0.7),
        p(
            "slippers", "拖鞋", ["凉拖"], ["鞋靴", "拖鞋"],
            [("材质", ["eva", "pvc", "棉", "毛绒"]), ("尺码", ["36-45", "35-44"]), ("颜色", colors)],
            price: 3.5...29, moq: [10, 20, 50, 100], belts: ["wenzhou", "yiwu", "jinjiang"], brands: [], audiences: ["家居", "浴室", "男女"],
            custom: 0.5, dropship: 0.5),
        p(
            "boots", "雪地靴", ["棉靴", "短靴"], ["鞋靴", "靴子"],
            [("材质", ["羊皮毛一体", "绒面", "pu皮"]), ("尺码", shoeSizes), ("颜色", ["黑色", "栗色", "灰色", "卡其色"])],
            price: 59...299, moq: [1, 2, 6], belts: ["wenzhou"], brands: ["雪地", "ugg风"], audiences: ["女", "男"], custom: 0.2, dropship: 0.6),
        // 箱包
        p(
            "tote", "帆布袋", ["托特包", "帆布包"], ["箱包", "女包"],
            [("材质", ["帆布", "棉布", "无纺布"]), ("颜色", ["米白色", "黑色", "卡其色"]), ("尺寸", ["大号", "中号", "小号"])],
            price: 2.8...39, moq: [10, 50, 100, 500], belts: ["yiwu", "baigou", "cangnan"], brands: [], audiences: ["女", "学生", "购物袋"],
            custom: 0.85, dropship: 0.4),
        p(
            "crossbody", "斜挎包", ["单肩包", "女包"], ["箱包", "女包"],
            [("材质", ["pu皮", "真皮", "尼龙"]), ("风格", ["韩版", "复古", "简约", "百搭"]), ("颜色", colors)],
            price: 19...159, moq: [1, 2, 5, 10], belts: ["baigou", "shisanhang"], brands: ["卡帝乐风", "迪士尼风"], audiences: ["女", "少女"],
            custom: 0.3, dropship: 0.7),
        p(
            "suitcase", "行李箱", ["拉杆箱", "旅行箱"], ["箱包", "旅行箱"],
            [("材质", ["pc", "abs", "铝框"]), ("尺寸", ["20寸", "24寸", "26寸", "28寸"]), ("颜色", colors)],
            price: 89...399, moq: [1, 2, 10, 50], belts: ["pinghu", "baigou"], brands: ["新秀丽风", "外交官风"], audiences: ["登机箱", "学生"],
            custom: 0.5, dropship: 0.6),
        p(
            "backpack", "双肩包", ["背包", "书包"], ["箱包", "背包"],
            [("材质", ["牛津布", "尼龙", "帆布"]), ("容量", ["大容量", "15.6寸电脑", "小号"]), ("颜色", colors)],
            price: 25...139, moq: [2, 10, 50, 100], belts: ["baigou", "pinghu", "yiwu"], brands: ["瑞士军刀风"],
            audiences: ["学生", "男", "女", "商务"], custom: 0.6, dropship: 0.6),
        // 数码配件
        p(
            "phone_case", "手机壳", ["手机套", "保护壳"], ["数码配件", "手机配件"],
            [
                ("材质", ["硅胶", "tpu", "pc", "皮革"]), ("适用型号", ["iphone15", "iphone16", "华为mate60", "小米14", "oppo reno12"]),
                ("风格", ["透明", "卡通", "磨砂", "ins风"]),
            ],
            price: 1.5...35, moq: [5, 10, 50, 100], belts: ["huaqiangbei", "dongguan", "yiwu"], brands: [], audiences: ["苹果", "华为", "防摔"],
            model: "CASE-####", custom: 0.7, dropship: 0.8),
        p(
            "cable", "数据线", ["充电线"], ["数码配件", "手机配件"],
            [("接口", ["type-c", "lightning", "micro usb", "三合一"]), ("功率", ["20w", "66w", "100w", "120w"]), ("长度", ["1米", "1.5米", "2米"])],
            price: 1.2...29, moq: [10, 50, 100, 500], belts: ["huaqiangbei", "dongguan"], brands: ["绿联风", "倍思风"],
            audiences: ["快充", "苹果", "安卓"], model: "UC##-###", custom: 0.6, dropship: 0.7),
        p(
            "charger", "充电器", ["充电头"], ["数码配件", "手机配件"],
            [("功率", ["20w", "33w", "65w", "120w"]), ("接口", ["type-c", "usb", "双口"]), ("协议", ["pd快充", "qc3.0", "氮化镓"])],
            price: 4.5...79, moq: [10, 50, 100], belts: ["huaqiangbei", "dongguan"], brands: ["绿联风", "倍思风", "公牛风"],
            audiences: ["苹果", "华为", "快充"], model: "HW##-###BK#", custom: 0.5, dropship: 0.7),
        p(
            "powerbank", "充电宝", ["移动电源"], ["数码配件", "手机配件"],
            [("容量", ["10000毫安", "20000毫安", "30000毫安"]), ("功能", ["快充", "自带线", "无线充", "磁吸"]), ("颜色", ["白色", "黑色", "粉色"])],
            price: 19...129, moq: [2, 10, 50, 100], belts: ["huaqiangbei", "dongguan"], brands: ["罗马仕风", "小米风"], audiences: ["迷你", "大容量"],
            model: "PB-####", custom: 0.6, dropship: 0.7),
        p(
            "earbuds", "蓝牙耳机", ["无线耳机"], ["数码配件", "影音"],
            [("类型", ["入耳式", "半入耳式", "头戴式", "骨传导"]), ("功能", ["降噪", "运动", "游戏低延迟"]), ("颜色", ["白色", "黑色"])],
            price: 15...199, moq: [2, 10, 50], belts: ["huaqiangbei", "dongguan"], brands: ["漫步者风", "华强北"], audiences: ["运动", "苹果", "安卓"],
            model: "TWS-##", custom: 0.5, dropship: 0.8),
        // 家电
        p(
            "air_fryer", "空气炸锅", ["无油炸锅"], ["家用电器", "厨房电器"],
            [("容量", ["3.5升", "5升", "6升", "8升"]), ("功能", ["可视", "触屏", "多功能"]), ("颜色", ["白色", "黑色", "灰色"])],
            price: 89...399, moq: [1, 2, 10, 50], belts: ["cixi", "shunde"], brands: ["美的风", "九阳风", "苏泊尔风"], audiences: ["家用", "大容量"],
            model: "AF-###", custom: 0.5, dropship: 0.6),
        p(
            "kettle", "电水壶", ["烧水壶", "电热水壶"], ["家用电器", "厨房电器"],
            [("材质", ["304不锈钢", "玻璃", "316不锈钢"]), ("容量", ["1.5升", "1.7升", "2升"]), ("功能", ["保温", "自动断电"])],
            price: 25...169, moq: [2, 10, 50], belts: ["cixi", "shunde"], brands: ["美的风", "苏泊尔风"], audiences: ["家用", "宿舍"], model: "KT-###",
            custom: 0.5, dropship: 0.6),
        p(
            "fan", "电风扇", ["风扇", "落地扇"], ["家用电器", "生活电器"],
            [("类型", ["落地扇", "台扇", "小风扇", "挂脖风扇"]), ("功能", ["遥控", "静音", "usb充电"]), ("颜色", ["白色", "粉色", "绿色"])],
            price: 9.9...299, moq: [2, 10, 50, 100], belts: ["cixi", "shunde", "yiwu"], brands: ["艾美特风", "格力风"],
            audiences: ["家用", "宿舍", "便携"], model: "FS-##", custom: 0.5, dropship: 0.6),
        p(
            "humidifier", "加湿器", ["香薰机"], ["家用电器", "生活电器"],
            [("容量", ["300毫升", "1升", "3升", "5升"]), ("功能", ["静音", "喷雾", "氛围灯"]), ("颜色", ["白色", "粉色", "木纹"])],
            price: 12...199, moq: [2, 10, 50], belts: ["cixi", "shunde", "yiwu"], brands: ["小熊风"], audiences: ["家用", "卧室", "办公室"],
            model: "HM-###", custom: 0.6, dropship: 0.7),
        p(
            "hair_dryer", "吹风机", ["电吹风"], ["家用电器", "个护电器"],
            [("功率", ["1200w", "1800w", "2000w"]), ("功能", ["负离子", "恒温", "高速"]), ("颜色", ["白色", "黑色", "粉色"])],
            price: 19...299, moq: [2, 10, 50], belts: ["cixi", "shunde"], brands: ["飞科风", "戴森风"], audiences: ["家用", "宿舍", "理发店"],
            model: "HD-####", custom: 0.5, dropship: 0.7),
        // 家居日用
        p(
            "storage_box", "收纳盒", ["整理盒", "收纳箱"], ["家居日用", "收纳整理"],
            [("材质", ["pp塑料", "布艺", "亚克力", "竹木"]), ("尺寸", ["大号", "中号", "小号"]), ("颜色", ["白色", "透明", "灰色"])],
            price: 2.5...49, moq: [10, 20, 50, 100], belts: ["yiwu", "yuyao"], brands: [], audiences: ["桌面", "衣柜", "宿舍"], custom: 0.5,
            dropship: 0.6),
        p(
            "hanger", "衣架", ["晾衣架"], ["家居日用", "收纳整理"],
            [("材质", ["塑料", "不锈钢", "植绒", "实木"]), ("规格", ["10个装", "20个装", "50个装"]), ("颜色", ["白色", "黑色", "灰色"])],
            price: 0.3...12, moq: [50, 100, 500, 1000], belts: ["yiwu", "yuyao"], brands: [], audiences: ["家用", "服装店"], custom: 0.5,
            dropship: 0.4),
        p(
            "thermos", "保温杯", ["焖烧杯", "水杯"], ["家居日用", "杯壶"],
            [("材质", ["304不锈钢", "316不锈钢", "钛"]), ("容量", ["350毫升", "500毫升", "750毫升", "1000毫升"]), ("颜色", colors)],
            price: 9.9...129, moq: [10, 50, 100, 500], belts: ["yongkang", "yiwu"], brands: ["膳魔师风", "象印风"],
            audiences: ["学生", "男士", "女士", "车载"], custom: 0.8, dropship: 0.6),
        p(
            "glass_cup", "玻璃杯", ["水杯", "咖啡杯"], ["家居日用", "杯壶"],
            [("材质", ["高硼硅玻璃", "双层玻璃", "水晶玻璃"]), ("容量", ["300毫升", "400毫升", "500毫升"]), ("风格", ["ins风", "简约", "透明"])],
            price: 1.8...39, moq: [20, 50, 100, 500], belts: ["yiwu", "chaozhou"], brands: [], audiences: ["家用", "办公室", "情侣"], custom: 0.7,
            dropship: 0.5),
        p(
            "ceramic_bowl", "陶瓷碗", ["饭碗", "汤碗"], ["厨房用品", "餐具"],
            [("材质", ["陶瓷", "骨瓷", "釉下彩"]), ("尺寸", ["4.5英寸", "6英寸", "8英寸"]), ("风格", ["日式", "北欧", "复古"])],
            price: 1.5...39, moq: [20, 50, 100, 500], belts: ["chaozhou"], brands: [], audiences: ["家用", "餐厅"], custom: 0.7, dropship: 0.4),
        p(
            "wok", "炒锅", ["不粘锅", "铁锅"], ["厨房用品", "锅具"],
            [("材质", ["铸铁", "不锈钢", "麦饭石"]), ("尺寸", ["28厘米", "30厘米", "32厘米", "34厘米"]), ("适用", ["燃气灶", "电磁炉通用"])],
            price: 29...239, moq: [2, 5, 20, 50], belts: ["yongkang", "yangjiang"], brands: ["苏泊尔风", "爱仕达风"], audiences: ["家用"],
            custom: 0.4, dropship: 0.6),
        p(
            "kitchen_knife", "菜刀", ["切片刀"], ["厨房用品", "刀具"],
            [("材质", ["不锈钢", "大马士革钢", "碳钢"]), ("类型", ["切片刀", "斩骨刀", "刀具套装"])],
            price: 12...199, moq: [2, 10, 50, 100], belts: ["yangjiang"], brands: ["张小泉风", "十八子风"], audiences: ["家用", "厨师"], custom: 0.5,
            dropship: 0.6),
        // 家纺
        p(
            "bedding_set", "四件套", ["床上用品", "床单被套"], ["家纺", "床品"],
            [("材质", ["纯棉", "磨毛", "天丝", "水洗棉"]), ("尺寸", ["1.5米床", "1.8米床", "2米床"]), ("风格", ["简约", "ins风", "北欧", "卡通"])],
            price: 49...399, moq: [1, 2, 10, 50], belts: ["nantong"], brands: ["罗莱风", "富安娜风"], audiences: ["家用", "宿舍", "酒店"], custom: 0.5,
            dropship: 0.7),
        p(
            "towel", "毛巾", ["面巾", "浴巾"], ["家纺", "毛巾浴巾"],
            [("材质", ["纯棉", "竹纤维", "珊瑚绒"]), ("规格", ["34x76厘米", "70x140厘米"]), ("颜色", colors)],
            price: 2.5...39, moq: [20, 50, 100, 500], belts: ["nantong", "yiwu"], brands: ["洁丽雅风", "金号风"], audiences: ["家用", "酒店", "礼品"],
            custom: 0.8, dropship: 0.5),
        p(
            "pillow", "枕头", ["枕芯"], ["家纺", "床品"],
            [("填充", ["乳胶", "记忆棉", "羽绒", "荞麦"]), ("尺寸", ["48x74厘米", "40x60厘米"])],
            price: 15...199, moq: [2, 10, 50], belts: ["nantong"], brands: ["泰国乳胶风"], audiences: ["家用", "酒店", "护颈"], custom: 0.5,
            dropship: 0.6),
        // 美妆
        p(
            "face_mask", "面膜", ["补水面膜"], ["美妆个护", "护肤"],
            [("功效", ["补水", "美白", "修护", "清洁"]), ("规格", ["10片装", "20片装", "5片装"])],
            price: 0.8...69, moq: [10, 50, 100, 1000], belts: ["baiyun"], brands: ["一叶子风", "韩束风"], audiences: ["女", "男士", "学生"],
            custom: 0.8, dropship: 0.8),
        p(
            "lipstick", "口红", ["唇膏", "唇釉"], ["美妆个护", "彩妆"],
            [("质地", ["哑光", "滋润", "镜面"]), ("色号", ["正红色", "豆沙色", "枫叶红", "奶茶色"])],
            price: 3.5...89, moq: [10, 50, 100], belts: ["baiyun", "yiwu"], brands: ["完美日记风", "花西子风"], audiences: ["女", "学生"], custom: 0.7,
            dropship: 0.8),
        // 饰品
        p(
            "hair_clip", "发夹", ["抓夹", "发卡"], ["饰品", "发饰"],
            [("材质", ["醋酸", "合金", "塑料", "珍珠"]), ("风格", ["韩版", "法式", "ins风", "复古"]), ("颜色", colors)],
            price: 0.3...19, moq: [10, 50, 100, 500], belts: ["yiwu"], brands: [], audiences: ["女", "儿童"], custom: 0.6, dropship: 0.6),
        p(
            "earrings", "耳环", ["耳钉", "耳坠"], ["饰品", "耳饰"],
            [("材质", ["s925银", "合金", "钛钢", "珍珠"]), ("风格", ["韩版", "法式", "简约", "复古"])],
            price: 0.5...49, moq: [5, 10, 50, 100], belts: ["yiwu"], brands: [], audiences: ["女", "少女"], custom: 0.5, dropship: 0.7),
        // 玩具
        p(
            "building_blocks", "积木", ["拼装积木"], ["玩具", "益智玩具"],
            [("材质", ["abs", "木质", "硅胶"]), ("适用年龄", ["3岁以上", "6岁以上", "14岁以上"]), ("类型", ["小颗粒", "大颗粒", "磁力片"])],
            price: 5.9...199, moq: [5, 10, 50, 100], belts: ["chenghai", "yiwu"], brands: ["乐高风", "启蒙风"], audiences: ["儿童", "男孩", "女孩"],
            custom: 0.4, dropship: 0.7),
        p(
            "plush_toy", "毛绒玩具", ["公仔", "玩偶"], ["玩具", "毛绒玩具"],
            [("尺寸", ["20厘米", "40厘米", "60厘米", "1米"]), ("造型", ["小熊", "兔子", "恐龙", "卡通"])],
            price: 3.5...129, moq: [10, 20, 50, 100], belts: ["yiwu", "chenghai"], brands: [], audiences: ["儿童", "女生", "抓娃娃机"], custom: 0.8,
            dropship: 0.6),
        p(
            "rc_car", "遥控车", ["遥控汽车"], ["玩具", "遥控玩具"],
            [("比例", ["1:16", "1:18", "1:24"]), ("功能", ["漂移", "越野", "喷雾"]), ("颜色", ["红色", "蓝色", "黄色"])],
            price: 25...299, moq: [2, 6, 12, 50], belts: ["chenghai"], brands: [], audiences: ["儿童", "男孩"], model: "RC-####", custom: 0.3,
            dropship: 0.6),
        // 文具
        p(
            "gel_pen", "中性笔", ["签字笔", "水笔"], ["文具办公", "书写工具"],
            [("笔芯", ["0.5毫米", "0.38毫米", "0.7毫米"]), ("颜色", ["黑色", "红色", "蓝色"]), ("规格", ["12支装", "盒装", "100支装"])],
            price: 0.2...19, moq: [100, 500, 1000], belts: ["yiwu"], brands: ["晨光风", "得力风"], audiences: ["学生", "办公"], custom: 0.7,
            dropship: 0.5),
        p(
            "notebook", "笔记本", ["记事本", "本子"], ["文具办公", "本册"],
            [("规格", ["a5", "b5", "a4"]), ("装订", ["线圈", "胶装", "活页"]), ("风格", ["简约", "卡通", "复古"])],
            price: 0.6...29, moq: [20, 50, 100, 500], belts: ["yiwu", "cangnan"], brands: ["得力风"], audiences: ["学生", "办公"], custom: 0.8,
            dropship: 0.5),
        // 运动户外
        p(
            "yoga_mat", "瑜伽垫", ["健身垫"], ["运动户外", "健身器材"],
            [("材质", ["tpe", "nbr", "天然橡胶"]), ("厚度", ["6毫米", "8毫米", "10毫米"]), ("颜色", colors)],
            price: 12...159, moq: [2, 10, 50, 100], belts: ["yiwu"], brands: ["keep风"], audiences: ["女", "健身", "初学者"], custom: 0.7,
            dropship: 0.7),
        p(
            "jump_rope", "跳绳", ["计数跳绳"], ["运动户外", "健身器材"],
            [("类型", ["计数", "无绳", "钢丝"]), ("颜色", colors)],
            price: 2.5...49, moq: [10, 50, 100], belts: ["yiwu"], brands: [], audiences: ["学生", "中考", "健身"], custom: 0.6, dropship: 0.7),
        // 汽车用品
        p(
            "car_seat_cover", "汽车坐垫", ["座套", "汽车座垫"], ["汽车用品", "汽车内饰"],
            [("材质", ["冰丝", "亚麻", "皮革", "毛绒"]), ("季节", ["夏季", "冬季", "四季通用"]), ("颜色", ["黑色", "米色", "咖啡色"])],
            price: 29...399, moq: [1, 2, 10], belts: ["yiwu", "linyi"], brands: [], audiences: ["全包围", "通用"], custom: 0.5, dropship: 0.6),
        p(
            "car_phone_holder", "车载手机支架", ["手机支架"], ["汽车用品", "车载电器"],
            [("安装", ["出风口", "吸盘", "磁吸"]), ("功能", ["无线充电", "重力感应", "360度旋转"])],
            price: 3.9...89, moq: [10, 50, 100], belts: ["huaqiangbei", "yiwu", "dongguan"], brands: [], audiences: ["通用", "导航"],
            custom: 0.6, dropship: 0.8),
        // 宠物
        p(
            "cat_litter", "猫砂", ["豆腐猫砂", "膨润土猫砂"], ["宠物用品", "猫用品"],
            [("类型", ["豆腐猫砂", "膨润土", "混合猫砂", "水晶猫砂"]), ("规格", ["2.5公斤", "6升", "10公斤"])],
            price: 9...89, moq: [1, 5, 10, 100], belts: ["nanhe", "linyi"], brands: ["pidan风"], audiences: ["除臭", "无尘"], custom: 0.6,
            dropship: 0.7),
        p(
            "pet_bed", "宠物窝", ["猫窝", "狗窝"], ["宠物用品", "宠物家居"],
            [("材质", ["毛绒", "棉麻", "藤编"]), ("尺寸", ["小号", "中号", "大号"]), ("季节", ["四季通用", "冬季保暖"])],
            price: 15...199, moq: [2, 5, 10, 50], belts: ["nanhe", "yiwu"], brands: [], audiences: ["猫", "狗", "小型犬"], custom: 0.5,
            dropship: 0.7),
        // 五金工具
        p(
            "drill", "电钻", ["冲击钻", "手电钻"], ["五金工具", "电动工具"],
            [("电压", ["12v", "21v", "220v"]), ("类型", ["锂电", "插电", "无刷"]), ("配置", ["单电", "双电", "套装"])],
            price: 49...499, moq: [1, 2, 10, 50], belts: ["yongkang", "jieyang"], brands: ["东成风", "博世风"], audiences: ["家用", "工业级"],
            model: "DR-###", custom: 0.4, dropship: 0.5),
        p(
            "screwdriver_set", "螺丝刀套装", ["螺丝批"], ["五金工具", "手动工具"],
            [("材质", ["铬钒钢", "s2合金钢"]), ("规格", ["24合1", "32合1", "115合1"])],
            price: 8.5...129, moq: [5, 10, 50, 100], belts: ["yongkang", "yiwu"], brands: ["世达风"], audiences: ["家用", "手机维修"], custom: 0.5,
            dropship: 0.6),
        // 包装
        p(
            "mailer_bag", "快递袋", ["包装袋"], ["包装印刷", "包装袋"],
            [("材质", ["pe", "全新料", "加厚"]), ("尺寸", ["25x35厘米", "32x45厘米", "45x55厘米"]), ("颜色", ["白色", "灰色", "黑色", "粉色"])],
            price: 0.05...1.2, moq: [100, 500, 1000, 5000], belts: ["cangnan", "yiwu"], brands: [], audiences: ["服装", "电商"], custom: 0.9,
            dropship: 0.2),
        p(
            "carton", "纸箱", ["快递纸箱", "搬家纸箱"], ["包装印刷", "纸箱纸盒"],
            [("层数", ["三层", "五层", "七层"]), ("规格", ["1号", "5号", "12号"]), ("材质", ["特硬", "瓦楞纸"])],
            price: 0.2...8, moq: [50, 100, 500, 1000], belts: ["cangnan", "linyi"], brands: [], audiences: ["快递", "搬家", "电商"], custom: 0.9,
            dropship: 0.2),
        p(
            "gift_box", "礼品盒", ["包装盒"], ["包装印刷", "纸箱纸盒"],
            [("材质", ["白卡纸", "牛皮纸", "灰板纸"]), ("工艺", ["烫金", "覆膜", "翻盖"]), ("颜色", ["白色", "黑色", "红色", "牛皮色"])],
            price: 0.5...25, moq: [50, 100, 500, 1000], belts: ["cangnan", "yiwu"], brands: [], audiences: ["礼品", "化妆品", "茶叶"],
            custom: 0.95, dropship: 0.2),
        // 灯饰
        p(
            "desk_lamp", "台灯", ["护眼灯"], ["灯饰照明", "灯具"],
            [("光源", ["led", "全光谱"]), ("功能", ["充电", "插电", "触摸调光"]), ("颜色", ["白色", "黑色", "粉色"])],
            price: 15...299, moq: [2, 10, 50], belts: ["guzhen"], brands: ["欧普风", "雷士风"], audiences: ["学生", "卧室", "护眼"], model: "TD-###",
            custom: 0.5, dropship: 0.7),
        p(
            "led_bulb", "led灯泡", ["球泡灯", "节能灯"], ["灯饰照明", "光源"],
            [("功率", ["5w", "9w", "15w", "30w"]), ("灯头", ["e27", "e14"]), ("色温", ["白光", "暖光", "三色变光"])],
            price: 0.8...19, moq: [50, 100, 500, 1000], belts: ["guzhen"], brands: ["飞利浦风", "欧普风"], audiences: ["家用", "超亮"], custom: 0.6,
            dropship: 0.4),
        p(
            "ceiling_light", "吸顶灯", ["客厅灯"], ["灯饰照明", "灯具"],
            [("形状", ["圆形", "方形", "长方形"]), ("尺寸", ["30厘米", "50厘米", "80厘米"]), ("风格", ["北欧", "简约", "现代"])],
            price: 39...599, moq: [1, 2, 10], belts: ["guzhen"], brands: ["雷士风", "欧普风"], audiences: ["卧室", "客厅", "阳台"], custom: 0.5,
            dropship: 0.6),
        // 家具
        p(
            "office_chair", "办公椅", ["电脑椅", "人体工学椅"], ["家具", "椅子"],
            [("材质", ["网布", "pu皮", "布艺"]), ("功能", ["可升降", "可躺", "带搁脚"]), ("颜色", ["黑色", "灰色", "白色"])],
            price: 89...999, moq: [1, 2, 10, 50], belts: ["anji", "shunde"], brands: ["西昊风", "永艺风"], audiences: ["办公", "电竞", "学生"],
            custom: 0.5, dropship: 0.6),
        p(
            "folding_chair", "折叠椅", ["户外椅", "露营椅"], ["家具", "椅子"],
            [("材质", ["铝合金", "碳钢", "牛津布"]), ("类型", ["月亮椅", "克米特椅", "靠背椅"])],
            price: 19...199, moq: [2, 10, 50], belts: ["anji", "yongkang"], brands: [], audiences: ["户外", "露营", "钓鱼"], custom: 0.5,
            dropship: 0.6),
        // 食品
        p(
            "nuts", "坚果", ["每日坚果", "混合坚果"], ["食品", "休闲零食"],
            [("规格", ["500克", "750克", "30包"]), ("口味", ["原味", "盐焗", "混合"])],
            price: 9.9...129, moq: [1, 5, 10, 50], belts: ["linyi"], brands: ["三只松鼠风", "良品铺子风"], audiences: ["零食", "孕妇", "礼盒"], custom: 0.4,
            dropship: 0.8),
        p(
            "tea", "茶叶", ["铁观音", "乌龙茶"], ["食品", "茶饮"],
            [("品种", ["铁观音", "大红袍", "乌龙茶", "红茶"]), ("规格", ["250克", "500克", "礼盒装"])],
            price: 29...399, moq: [1, 2, 10], belts: ["anxi"], brands: ["八马风", "安溪"], audiences: ["礼盒", "自饮"], custom: 0.5, dropship: 0.7),
        // 袜子
        p(
            "socks", "袜子", ["中筒袜", "船袜"], ["内衣袜子", "袜子"],
            [("材质", ["纯棉", "竹纤维", "丝袜"]), ("规格", ["5双装", "10双装", "单双"]), ("颜色", colors)],
            price: 0.5...19, moq: [10, 50, 100, 1000], belts: ["zhuji", "yiwu"], brands: ["浪莎风", "南极人风"],
            audiences: ["男", "女", "学生", "儿童"], custom: 0.7, dropship: 0.6),
    ]

    /// Marketing words stacked into titles.
    static let prefixes = ["2026新款", "新款", "爆款", "跨境", "热卖", "网红", "现货"]
    static let suffixes = ["工厂直销", "厂家直销", "批发", "现货速发", "源头工厂", "一件代发", "支持定制", "可印logo", "跨境专供", "包邮"]

    public static func belt(_ key: String) -> Belt { belts.first { $0.key == key }! }

    public static func productType(_ key: String) -> ProductType? { productTypes.first { $0.key == key } }

    /// Leaf category paths (joined with ">") in taxonomy order.
    public static var categoryPaths: [String] {
        var seen: [String] = []
        for t in productTypes where !seen.contains(t.category.joined(separator: ">")) { seen.append(t.category.joined(separator: ">")) }
        return seen
    }
}
