#include "sandbox/SandboxMerchants.h"

#include "sandbox/Sandbox.h"
#include "sandbox/SandboxKeys.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace paydesk::sandbox {

namespace {
constexpr qint64 kMaxPpm = 1000000;
constexpr SandboxChannel kChannels[] = {SandboxChannel::WeChatPay, SandboxChannel::Alipay, SandboxChannel::UnionPay};

const QLatin1String kMerchants("merchants");
const QLatin1String kFeeRatePpm("fee_rate_ppm");

QHash<int, qint64> ratesOf(const QByteArray &json)
{
    QHash<int, qint64> rates;
    const QJsonObject merchants = QJsonDocument::fromJson(json).object().value(kMerchants).toObject();
    for (auto it = merchants.constBegin(); it != merchants.constEnd(); ++it) {
        SandboxChannel channel;
        const qint64 ppm = it.value().toObject().value(kFeeRatePpm).toInteger(-1);
        if (SandboxMerchants::channelOf(it.key(), &channel) && ppm >= 0 && ppm <= kMaxPpm)
            rates.insert(int(channel), ppm);
    }
    return rates;
}

QByteArray jsonOf(const QHash<int, qint64> &rates)
{
    QJsonObject merchants;
    for (SandboxChannel channel : kChannels) {
        if (rates.contains(int(channel)))
            merchants.insert(SandboxMerchants::merchantId(channel),
                             QJsonObject{{QString(kFeeRatePpm), rates.value(int(channel))}});
    }
    return QJsonDocument(QJsonObject{{QString(kMerchants), merchants}}).toJson(QJsonDocument::Indented);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Whole or not at all: a sandbox reading the file meanwhile never sees half of it.
Status writeAll(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return Error(ErrorCode::FileUnwritable, path);
    return {};
}
} // namespace

SandboxMerchants::SandboxMerchants(const QString &stateDirectory)
    : m_file(stateDirectory.isEmpty() ? QString() : fileIn(stateDirectory))
{
}

QString SandboxMerchants::fileIn(const QString &stateDirectory)
{
    return QDir(stateDirectory).filePath(QStringLiteral("merchants.json"));
}

QString SandboxMerchants::merchantId(SandboxChannel channel)
{
    switch (channel) {
    case SandboxChannel::WeChatPay:
        return QString::fromLatin1(SandboxKeys::kWeChatMchId);
    case SandboxChannel::Alipay:
        return QString::fromLatin1(SandboxKeys::kAlipayAppId);
    case SandboxChannel::UnionPay:
        return QString::fromLatin1(SandboxKeys::kUnionPayMerId);
    }
    return {};
}

QString SandboxMerchants::statementMerchantId(SandboxChannel channel)
{
    return channel == SandboxChannel::Alipay ? QString::fromLatin1(SandboxKeys::kAlipayPid) : merchantId(channel);
}

bool SandboxMerchants::channelOf(const QString &merchantOrChannel, SandboxChannel *channel)
{
    for (SandboxChannel candidate : kChannels) {
        if (merchantOrChannel == merchantId(candidate) || merchantOrChannel == statementMerchantId(candidate)) {
            *channel = candidate;
            return true;
        }
    }
    return Sandbox::channelFromName(merchantOrChannel, channel);
}

void SandboxMerchants::reloadIfChanged()
{
    if (m_file.isEmpty())
        return;
    const QFileInfo info(m_file);
    const QDateTime modified = info.exists() ? info.lastModified() : QDateTime();
    const qint64 size = info.exists() ? info.size() : -1;
    if (modified == m_modified && size == m_size)
        return;
    m_modified = modified;
    m_size = size;
    m_rates = size < 0 ? QHash<int, qint64>() : ratesOf(readAll(m_file));
}

std::optional<qint64> SandboxMerchants::feeRatePpm(SandboxChannel channel)
{
    reloadIfChanged();
    const auto rate = m_rates.constFind(int(channel));
    if (rate == m_rates.constEnd())
        return std::nullopt;
    return *rate;
}

Status SandboxMerchants::setFeeRatePpm(SandboxChannel channel, std::optional<qint64> ppm)
{
    if (ppm && (*ppm < 0 || *ppm > kMaxPpm))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("fee rate: 0 to 1000000 ppm"));
    reloadIfChanged();
    QHash<int, qint64> rates = m_rates;
    if (ppm)
        rates.insert(int(channel), *ppm);
    else
        rates.remove(int(channel));
    if (!m_file.isEmpty()) {
        const Status written = writeAll(m_file, jsonOf(rates));
        if (!written)
            return written;
    }
    m_rates = rates;
    return {};
}

Status SandboxMerchants::tellFeeRates(const QString &stateDirectory, const QMap<QString, qint64> &ppmByMerchant)
{
    const QString file = fileIn(stateDirectory);
    QHash<int, qint64> rates = ratesOf(readAll(file));
    for (auto it = ppmByMerchant.constBegin(); it != ppmByMerchant.constEnd(); ++it) {
        SandboxChannel channel;
        if (!channelOf(it.key(), &channel))
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the sandbox serves no merchant %1").arg(it.key()));
        if (*it < 0 || *it > kMaxPpm)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("fee rate of %1: 0 to 1000000 ppm").arg(it.key()));
        rates.insert(int(channel), *it);
    }
    return writeAll(file, jsonOf(rates));
}

} // namespace paydesk::sandbox
