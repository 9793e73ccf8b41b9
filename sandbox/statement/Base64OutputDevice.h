#pragma once

#include <QByteArray>
#include <QIODevice>

namespace paydesk {

// A write-only device that Base64-encodes what it is given into another device, so a payload
// like UnionPay's fileContent is produced as a stream. close() writes the last group with its
// padding and must be called; the target stays open.
class Base64OutputDevice : public QIODevice
{
public:
    explicit Base64OutputDevice(QIODevice &target);
    ~Base64OutputDevice() override;
    bool isSequential() const override { return true; }
    void close() override;
    // True once a write to the target failed (close() cannot report it).
    bool hasFailed() const { return m_failed; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool forward(const QByteArray &bytes);
    QIODevice &m_target;
    QByteArray m_pending; // fewer than 3 bytes not yet encoded
    bool m_failed = false;
};

} // namespace paydesk
