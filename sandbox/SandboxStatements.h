#pragma once

#include "core/channel/statement/StatementLine.h"
#include "sandbox/SandboxWorld.h"

namespace paydesk::sandbox {

// Each day's statement, from the sandbox's own trades and refunds, in the channel's exact file
// format (the writers of sandbox/statement): a WeChat trade bill (ALL, SUCCESS or REFUND), the
// Alipay bill zip, UnionPay's fileContent. The statement faults are applied here: per trade (an
// amount that differs, a trade left out, a trade the merchant never made, a refund made at the
// channel) and per merchant and date (the bill faults, BillFaults.h, each for the next bill(s)).
class SandboxStatements final : public StatementSource
{
public:
    explicit SandboxStatements(SandboxWorld &world) : m_world(world) {}

    // WeChat: the bill text (not yet gzipped); Alipay: the zip; UnionPay: the fileContent value
    // (Base64 of the deflated zip).
    Result<QByteArray> statement(SandboxChannel channel, const QDate &date, const QString &kind) override;

    // The normalised lines the file is written from, before the bill faults.
    QList<StatementLine> lines(SandboxChannel channel, const QDate &date);
    // Plants the bill faults switched on for the merchant and date into `lines`, counting one
    // use of each; per fault, the order number it changed or made up (empty: none fitted).
    QStringList plantBillFaults(SandboxChannel channel, const QDate &date, QList<StatementLine> &lines);

private:
    SandboxWorld &m_world;
};

} // namespace paydesk::sandbox
