#include "core/fee/FeeTemplates.h"

#include "core/channel/ChannelNames.h"

namespace paydesk::FeeTemplates {

Status validate(const FeeTemplate &feeTemplate)
{
    const QString name = feeTemplate.name;
    if (name.trimmed().isEmpty() || name != name.trimmed() || name.size() > 64)
        return Error(ErrorCode::FeeRateInvalid,
                     QStringLiteral("a template needs a name of 1–64 characters without outer spaces"));
    if (feeTemplate.description.size() > 1000)
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("the description is longer than 1000 characters"));
    if (feeTemplate.rates.isEmpty())
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("a template needs at least one method's rate"));
    for (auto it = feeTemplate.rates.cbegin(); it != feeTemplate.rates.cend(); ++it) {
        if (ChannelNames::method(it.key()).isEmpty())
            return Error(ErrorCode::PaymentMethodUnknown, QString::number(int(it.key())));
        if (!Rate::fromPpm(it.value().ppm()))
            return Error(ErrorCode::FeeRateInvalid, ChannelNames::method(it.key()));
    }
    return {};
}

} // namespace paydesk::FeeTemplates
