#pragma once

#include "core/channel/ChannelAdapter.h"
#include "core/channel/http/HttpClient.h"
#include "core/channel/unionpay/UnionPayCrypto.h"
#include "core/util/Clock.h"

namespace paydesk {

struct UnionPayConfig
{
    QString merId;
    Pkcs12 signing;                   // merchant signing key and certificate (certId = its serial)
    QList<Certificate> roots;         // CFCA root(s) that UnionPay's signPubKeyCert must chain to
    QList<Certificate> intermediates; // e.g. CFCA OCA1
    QString signer = QStringLiteral("中国银联股份有限公司"); // in signPubKeyCert's CN; test environment: 00040000:SIGN
    QUrl gatewayUrl = QUrl(QStringLiteral("https://gateway.95516.com"));
    QUrl fileUrl = QUrl(QStringLiteral("https://filedownload.95516.com"));
    QString backUrl; // server notification URL
};

// UnionPay online gateway (ACP 5.1.0, signMethod 01): front (browser) payment, query, refund,
// reconciliation file, notifications.
class UnionPayAdapter final : public ChannelAdapter
{
public:
    UnionPayAdapter(UnionPayConfig config, HttpClient http, const Clock &clock);

    ChannelKind kind() const override { return ChannelKind::UnionPay; }
    // Builds the signed form the payer's browser posts to frontTransReq.do (no server call).
    Result<PrepayResult> prepay(const PrepayRequest &request) override;
    Result<OrderStatus> queryOrder(const QString &outTradeNo, const QDateTime &createdAt) override;
    // UnionPay has no close for unpaid orders (they lapse at payTimeout): this checks the order
    // is unpaid and refuses when it was paid (that needs a refund).
    Status closeOrder(const QString &outTradeNo, const QDateTime &createdAt) override;
    Result<RefundStatus> refund(const RefundRequest &request) override;
    Result<RefundStatus> queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                     const QDateTime &requestedAt) override;
    // The reconciliation zip (fileContent inflated), for settleDate = the date's MMDD.
    Result<QByteArray> downloadStatement(const QDate &date) override;
    Result<CallbackEvent> parseCallback(const CallbackRequest &request) override;

private:
    UnionPay::Fields baseFields(const QString &txnType, const QString &txnSubType, const QDateTime &txnTime) const;
    // Signs, posts to `path`, verifies the signature and signPubKeyCert chain, returns the fields.
    Result<UnionPay::Fields> call(const QUrl &base, const QString &path, UnionPay::Fields fields,
                                  qint64 maxAnswerBytes = HttpRequest::kDefaultMaxAnswerBytes);
    Status verify(const UnionPay::Fields &fields) const;

    UnionPayConfig m_config;
    HttpClient m_http;
    const Clock &m_clock;
};

} // namespace paydesk
