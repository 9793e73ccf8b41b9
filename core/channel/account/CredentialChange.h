#pragma once

#include "core/channel/ChannelTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace paydesk {

// A proposed change of a channel account's credentials (the items of one channel merchant id,
// shared by every account with it), waiting for a second operator, or decided. Never holds the
// material: `fingerprints` is {item: {"old": fingerprint or null, "new": fingerprint}} (see
// CredentialFingerprints); the proposed items wait sealed in the store.
struct CredentialChange
{
    enum class Status
    {
        Pending,   // waiting for approval
        Approved,  // in the vault
        Rejected,  // discarded by an approver
        Withdrawn, // discarded by its maker
        Expired,   // discarded: nobody decided within kLifetimeSeconds
        Applied,   // not stored as a change: only items that are no trust material, set at once
    };
    static constexpr qint64 kLifetimeSeconds = 72 * 3600;

    qint64 id = 0;
    qint64 accountId = 0;
    QString accountName;
    ChannelKind channel = ChannelKind::WeChatPay;
    QString channelMerchantId;
    QStringList items;
    QJsonObject fingerprints;
    Status status = Status::Pending;
    QString proposedBy;
    qint64 proposedById = 0;
    QDateTime proposedAt;
    QDateTime expiresAt;
    QString decidedBy;
    QDateTime decidedAt;
    QString note; // the approver's or the maker's reason

    bool isPending() const { return status == Status::Pending; }

    static QString statusName(Status status); // "pending", "approved", …
    static bool statusFromName(const QString &name, Status *status);
};

} // namespace paydesk
