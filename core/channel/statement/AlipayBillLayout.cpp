#include "core/channel/statement/AlipayBillLayout.h"

namespace paydesk {

namespace {
const char *const kColumns[AlipayBillLayout::ColumnCount] = {
    "支付宝交易号",     "商户订单号",        "业务类型",         "商品名称",         "创建时间",
    "完成时间",         "门店编号",          "门店名称",         "操作员",           "终端号",
    "对方账户",         "订单金额（元）",    "商家实收（元）",   "支付宝红包（元）", "集分宝（元）",
    "支付宝优惠（元）", "商家优惠（元）",    "券核销金额（元）", "券名称",           "商家红包消费金额（元）",
    "卡消费金额（元）", "退款批次号/请求号", "服务费（元）",     "分润（元）",       "备注",
};
const char *const kSummaryColumns[AlipayBillLayout::SummaryColumnCount] = {
    "门店编号",         "门店名称",       "交易订单总笔数",   "退款订单总笔数", "订单金额（元）", "商家实收（元）",
    "支付宝优惠（元）", "商家优惠（元）", "卡消费金额（元）", "服务费（元）",   "分润（元）",     "实收净额（元）",
};

AlipayBillLayout::Texts makeTexts(StatementEncoding encoding)
{
    StatementText text(encoding);
    const auto bytes = [&text](const char *utf8) { return text.encode(QString::fromUtf8(utf8)); };
    AlipayBillLayout::Texts texts;
    for (const char *column : kColumns)
        texts.columns.append(bytes(column));
    for (const char *column : kSummaryColumns)
        texts.summaryColumns.append(bytes(column));
    texts.detailTitle = bytes("#支付宝业务明细查询");
    texts.summaryTitle = bytes("#支付宝业务汇总查询");
    texts.detailListStart = bytes("业务明细列表");
    texts.detailListEnd = bytes("业务明细列表结束");
    texts.summaryListStart = bytes("业务汇总列表");
    texts.summaryListEnd = bytes("业务汇总列表结束");
    texts.account = bytes("#账号：");
    texts.tradeTotals = bytes("#交易合计：");
    texts.refundTotals = bytes("#退款合计：");
    texts.trade = bytes("交易");
    texts.refund = bytes("退款");
    texts.totalRow = bytes("合计");
    return texts;
}
} // namespace

QString AlipayBillLayout::columnName(Column column)
{
    return QString::fromUtf8(kColumns[column]);
}

QByteArrayView AlipayBillLayout::columnNameUtf8(Column column)
{
    return QByteArrayView(kColumns[column]);
}

QByteArrayView AlipayBillLayout::summaryColumnNameUtf8(SummaryColumn column)
{
    return QByteArrayView(kSummaryColumns[column]);
}

QString AlipayBillLayout::summaryColumnName(SummaryColumn column)
{
    return QString::fromUtf8(kSummaryColumns[column]);
}

QList<AlipayBillLayout::Column> AlipayBillLayout::amountColumns()
{
    return {OrderAmount,   ReceivedAmount,    AlipayRedPacket, JifenbaoAmount, AlipayDiscount, MerchantDiscount,
            VoucherAmount, MerchantRedPacket, CardAmount,      ServiceFee,     ProfitShare};
}

const AlipayBillLayout::Texts &AlipayBillLayout::texts(StatementEncoding encoding)
{
    static const Texts utf8 = makeTexts(StatementEncoding::Utf8);
    static const Texts gbk = makeTexts(StatementEncoding::Gbk);
    return encoding == StatementEncoding::Gbk ? gbk : utf8;
}

QString AlipayBillLayout::dashedMarker(const QString &listTitle, bool end)
{
    // As the channel prints it: 41 dashes, the title (+结束 at the end), 40 or 36 dashes.
    return QLatin1Char('#') + QString(41, QLatin1Char('-')) + listTitle + (end ? QStringLiteral("结束") : QString()) +
           QString(end ? 36 : 40, QLatin1Char('-'));
}

} // namespace paydesk
