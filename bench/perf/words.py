"""Word lists the catalogue generator combines into believable product and stall names, in vi / en / zh-hans."""

# Leaf category key → kinds of goods sold under it: (Vietnamese, English, Chinese, slug).
KINDS = {
    "gao-ngu-coc": [
        ("Gạo ST25", "ST25 rice", "ST25大米", "gao-st25"),
        ("Gạo lứt", "brown rice", "糙米", "gao-lut"),
        ("Nếp cái hoa vàng", "yellow-flower sticky rice", "黄花糯米", "nep-cai"),
        ("Cốm", "young rice flakes", "扁米", "com"),
    ],
    "mat-ong": [
        ("Mật ong", "honey", "蜂蜜", "mat-ong"),
        ("Phấn hoa", "bee pollen", "蜂花粉", "phan-hoa"),
        ("Sữa ong chúa", "royal jelly", "蜂王浆", "sua-ong-chua"),
    ],
    "nuoc-mam-gia-vi": [
        ("Nước mắm", "fish sauce", "鱼露", "nuoc-mam"),
        ("Hạt tiêu", "black pepper", "黑胡椒", "hat-tieu"),
        ("Muối tôm", "shrimp salt", "虾盐", "muoi-tom"),
    ],
    "trai-cay-say-an-vat": [
        ("Xoài sấy dẻo", "soft dried mango", "芒果干", "xoai-say"),
        ("Hạt điều", "cashews", "腰果", "hat-dieu"),
        ("Mít sấy", "dried jackfruit", "菠萝蜜干", "mit-say"),
    ],
    "dac-san-thit-hai-san": [
        ("Khô cá lóc", "dried snakehead fish", "黑鱼干", "kho-ca-loc"),
        ("Lạp xưởng", "Chinese sausage", "腊肠", "lap-xuong"),
        ("Tôm khô", "dried shrimp", "虾干", "tom-kho"),
    ],
    "tra": [("Trà Shan tuyết", "Shan tuyet tea", "雪山茶", "tra-shan"), ("Trà xanh", "green tea", "绿茶", "tra-xanh")],
    "ca-phe": [
        ("Cà phê Robusta", "Robusta coffee", "罗布斯塔咖啡", "ca-phe-robusta"),
        ("Cà phê Arabica", "Arabica coffee", "阿拉比卡咖啡", "ca-phe-arabica"),
    ],
    "ruou-truyen-thong": [
        ("Rượu cần", "rice wine in a jar", "坛酒", "ruou-can"),
        ("Rượu mơ", "apricot wine", "梅酒", "ruou-mo"),
    ],
    "nuoc-ep": [("Nước cốt chanh dây", "passion fruit juice", "百香果汁", "nuoc-chanh-day")],
    "tra-thao-duoc-duoc-lieu": [
        ("Trà atiso", "artichoke tea", "洋蓟茶", "tra-atiso"),
        ("Cao sâm", "ginseng extract", "人参膏", "cao-sam"),
    ],
    "tinh-dau-my-pham": [
        ("Tinh dầu sả", "lemongrass oil", "香茅精油", "tinh-dau-sa"),
        ("Xà phòng thảo mộc", "herbal soap", "草本皂", "xa-phong"),
    ],
    "tho-cam": [
        ("Khăn thổ cẩm", "brocade scarf", "织锦围巾", "khan-tho-cam"),
        ("Túi thổ cẩm", "brocade bag", "织锦包", "tui-tho-cam"),
    ],
    "lua-to-tam": [("Khăn lụa", "silk scarf", "丝巾", "khan-lua")],
    "trang-phuc-truyen-thong": [("Áo dài lụa", "silk ao dai", "丝绸奥黛", "ao-dai")],
    "may-tre-dan": [("Giỏ cói", "sedge basket", "莞草篮", "gio-coi"), ("Hộp tre", "bamboo box", "竹盒", "hop-tre")],
    "gom-su": [("Bình gốm", "ceramic vase", "陶瓷花瓶", "binh-gom"), ("Bộ ấm chén", "tea set", "茶具", "am-chen")],
    "son-mai-do-go": [("Tranh sơn mài", "lacquer painting", "漆画", "tranh-son-mai")],
    "den-long-trang-tri": [("Đèn lồng", "silk lantern", "灯笼", "den-long")],
    "homestay": [("Nghỉ homestay", "homestay night", "民宿住宿", "homestay")],
    "tour-trai-nghiem": [("Tour trải nghiệm", "farm experience tour", "体验游", "tour")],
}
# How many products of each leaf category a stall of that trade sells, relative to the others.
CATEGORY_WEIGHTS = dict.fromkeys(KINDS, 1) | {
    "mat-ong": 4,
    "nuoc-mam-gia-vi": 3,
    "ca-phe": 4,
    "tra": 4,
    "gao-ngu-coc": 3,
    "trai-cay-say-an-vat": 3,
    "homestay": 0.3,
    "tour-trai-nghiem": 0.3,
}
QUALITIES = [
    ("rừng", "wild", "野生"),
    ("hữu cơ", "organic", "有机"),
    ("đặc biệt", "premium", "特级"),
    ("truyền thống", "traditional", "传统"),
    ("sấy lạnh", "freeze-dried", "冻干"),
    ("thủ công", "handmade", "手工"),
    ("thượng hạng", "first-grade", "上等"),
    ("cổ thụ", "ancient tree", "古树"),
    ("nguyên chất", "pure", "纯"),
    ("làng nghề", "craft village", "工艺村"),
]
PLACES = [
    ("U Minh", "U Minh", "乌明"),
    ("Phú Quốc", "Phu Quoc", "富国"),
    ("Đà Lạt", "Da Lat", "大叻"),
    ("Buôn Ma Thuột", "Buon Ma Thuot", "邦美蜀"),
    ("Sa Pa", "Sa Pa", "沙坝"),
    ("Hội An", "Hoi An", "会安"),
    ("Tháp Mười", "Thap Muoi", "塔梅"),
    ("Bát Tràng", "Bat Trang", "钵场"),
    ("Kim Sơn", "Kim Son", "金山"),
    ("Hà Giang", "Ha Giang", "河江"),
    ("Mộc Châu", "Moc Chau", "木州"),
    ("Bến Tre", "Ben Tre", "槟椥"),
    ("Cần Giờ", "Can Gio", "芹苴"),
    ("Tam Nông", "Tam Nong", "三农"),
    ("Hòa Bình", "Hoa Binh", "和平"),
    ("Cao Bằng", "Cao Bang", "高平"),
    ("Ninh Thuận", "Ninh Thuan", "宁顺"),
    ("Tân Cương", "Tan Cuong", "新疆"),
    ("Bảo Lộc", "Bao Loc", "保禄"),
    ("Vạn Phúc", "Van Phuc", "万福"),
]
COOPERATIVE_TRADES = [
    ("Nông nghiệp", "Agricultural", "农业"),
    ("Dịch vụ nông nghiệp", "Farm services", "农业服务"),
    ("Sản xuất và thương mại", "Production and trade", "生产贸易"),
    ("Chế biến nông sản", "Food processing", "农产品加工"),
    ("Thủ công mỹ nghệ", "Handicrafts", "手工艺"),
    ("Du lịch cộng đồng", "Community tourism", "社区旅游"),
]
SIZES = ["250 g", "500 g", "1 kg", "2 kg", "250 ml", "500 ml", "1 lít", "hộp quà", "túi 100 g", "bộ 3 món"]
VARIANT_SIZES = [("Hũ 250 ml", 1), ("Hũ 500 ml", 1.8), ("Chai 1 lít", 3.2)]
REVIEW_TITLES = ["Thơm ngon", "Đóng gói kỹ", "Giao nhanh", "Đúng như mô tả", "Sẽ mua lại", "Hơi đắt nhưng đáng"]
