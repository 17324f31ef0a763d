/// What a buyer is trying to do, which decides what ranking puts first.
public enum BuyerIntent: String, Sendable, Codable, CaseIterable, Hashable {
    /// 新品测款: new listings, tiny MOQ, dropshipping, fast shipping.
    case newProductTesting = "new_product_testing"
    /// 小额采购: low MOQ, good unit price at small quantity, 72-hour shipping.
    case smallBatch = "small_batch"
    /// 大额批发: best unit price at the quantity, capacity, source factories.
    case bulkWholesale = "bulk_wholesale"
    /// 定制: OEM/ODM, logo and pattern customisation, factories.
    case customization

    public var chinese: String {
        switch self {
        case .newProductTesting: "新品测款"
        case .smallBatch: "小额采购"
        case .bulkWholesale: "大额批发"
        case .customization: "定制"
        }
    }

    /// The intent a planned quantity suggests when no cue word says otherwise:
    /// 1–2 pieces is trying a product, up to 199 a small batch, 200+ wholesale.
    public static func forQuantity(_ qty: Int) -> BuyerIntent {
        qty <= 2 ? .newProductTesting : qty < 200 ? .smallBatch : .bulkWholesale
    }
}
