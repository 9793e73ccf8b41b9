#pragma once

#include <QByteArray>
#include <QIODevice>

#include <memory>

namespace paydesk {

// A write-only device that deflates what it is given into another device, in the zlib format
// (RFC 1950): what "zlib-deflated" means in UnionPay's fileContent. close() ends the zlib
// stream and must be called; the target stays open.
class DeflateOutputDevice : public QIODevice
{
public:
    explicit DeflateOutputDevice(QIODevice &target, int level = -1);
    ~DeflateOutputDevice() override;
    bool isSequential() const override { return true; }
    void close() override;
    // True once a write to the target failed (close() cannot report it).
    bool hasFailed() const { return m_failed; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool deflateInto(const char *data, qint64 size, bool finish);
    struct Stream;
    QIODevice &m_target;
    std::unique_ptr<Stream> m_stream;
    bool m_failed = false;
};

} // namespace paydesk
