#include "core/payment/OperatorRefundRequest.h"

#include "core/util/NameTable.h"

namespace paydesk {

namespace {
constexpr NameTable::Table<RefundRequestStatus, 5> kStatusNames{{
    {RefundRequestStatus::Pending, "pending"},
    {RefundRequestStatus::Approved, "approved"},
    {RefundRequestStatus::Rejected, "rejected"},
    {RefundRequestStatus::Executed, "executed"},
    {RefundRequestStatus::Failed, "failed"},
}};
} // namespace

namespace RefundRequestNames {

PAYDESK_NAME_PAIR(status, statusFromName, RefundRequestStatus, kStatusNames)

QList<RefundRequestStatus> allStatuses()
{
    return NameTable::values(kStatusNames);
}

} // namespace RefundRequestNames

bool OperatorRefundRequest::takenByChannel() const
{
    return refundStatus == PaymentRefundStatus::Processing || refundStatus == PaymentRefundStatus::Succeeded;
}

} // namespace paydesk
