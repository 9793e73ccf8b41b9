#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Rate.h"

#include <QDateTime>
#include <QMap>

namespace paydesk {

// A named set of merchant rates by payment method (e.g. "standard retail": WeChat 0.38 %,
// Alipay 0.38 %), applied to many merchants at once. Applying copies the rates into each
// merchant's own effective-dated rows (recording the template): editing a template later never
// changes a merchant's rates.
struct FeeTemplate
{
    qint64 id = 0;
    QString name;
    QString description;
    QMap<PayMethod, Rate> rates;
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    bool applied = false; // some merchant rate came from it: it is kept and cannot be deleted
};

} // namespace paydesk
