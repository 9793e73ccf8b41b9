#include "tests/merchant/OnboardingFixture.h"

#include "core/merchant/DocumentInspector.h"
#include <QSqlError>
#include <QSqlQuery>

#include <QBuffer>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPdfWriter>

using namespace paydesk;
using namespace paydesk::test;

// Merchant documents on SQLite and PostgreSQL: files made by real encoders (Qt's PNG, libjpeg,
// Qt's PDF writer) are accepted; wrong, damaged, empty and oversized files are refused with
// nothing stored; superseding, idempotent re-attach, content round trip and the workflow lock.
class TestDocuments : public QObject
{
    Q_OBJECT

private:
    static QImage picture()
    {
        QImage image(48, 32, QImage::Format_RGB32);
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, qRgb(x * 5, y * 7, (x * y) % 255));
        }
        return image;
    }

    static QByteArray encoded(const char *format, bool progressive = false)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, format);
        writer.setQuality(85);
        writer.setProgressiveScanWrite(progressive);
        if (!writer.write(picture()))
            qWarning("%s", qPrintable(writer.errorString()));
        return buffer.data();
    }

    static QByteArray qtPdf()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            QPdfWriter writer(&buffer);
            writer.setTitle(QStringLiteral("Business licence"));
            QPainter painter(&writer);
            painter.fillRect(QRect(100, 100, 2000, 1000), Qt::darkBlue);
        }
        return buffer.data();
    }

    // A four-object PDF 1.4 written by hand, with a correct cross-reference table.
    static QByteArray handPdf()
    {
        QByteArray pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
        QList<qsizetype> offsets;
        const QByteArray objects[] = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        for (int i = 0; i < 3; ++i) {
            offsets << pdf.size();
            pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
        }
        const qsizetype xref = pdf.size();
        pdf += "xref\n0 4\n0000000000 65535 f \n";
        for (qsizetype offset : std::as_const(offsets))
            pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
        pdf += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
        return pdf;
    }

    static QString sha256(const QByteArray &bytes)
    {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void realFilesOfEachTypeAreAccepted()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        const struct
        {
            DocumentKind kind;
            const char *name;
            QByteArray bytes;
            const char *type;
        } files[] = {
            {DocumentKind::BusinessLicence, "licence.png", encoded("png"), "image/png"},
            {DocumentKind::LegalIdFront, "front.jpg", encoded("jpeg"), "image/jpeg"},
            {DocumentKind::LegalIdBack, "back.jpg", encoded("jpeg", true), "image/jpeg"},
            {DocumentKind::BankAccountProof, "bank.pdf", qtPdf(), "application/pdf"},
            {DocumentKind::Other, "letter.pdf", handPdf(), "application/pdf"},
            {DocumentKind::Other, "tiny", OnboardingFixture::png(), "image/png"},
        };
        for (const auto &file : files) {
            QVERIFY2(file.bytes.size() > 60, file.name);
            auto attached = o.documents.attach(o.maker, m.id, file.kind, QLatin1String(file.name), file.bytes);
            QVERIFY2(attached.ok(),
                     qPrintable(QLatin1String(file.name) + QStringLiteral(": ") + attached.error().message()));
            QCOMPARE(attached->mediaType, QLatin1String(file.type));
            QCOMPARE(attached->size, qint64(file.bytes.size()));
            QCOMPARE(attached->sha256, sha256(file.bytes));
            QCOMPARE(attached->fileName, QLatin1String(file.name));
            QCOMPARE(attached->kind, file.kind);
            QCOMPARE(attached->uploadedBy, QStringLiteral("olivia"));
            QCOMPARE(attached->uploadedAt, f.clock().nowUtc());
            QVERIFY(!attached->superseded);
            QCOMPARE(o.count(QStringLiteral("SELECT size FROM merchant_document WHERE id = ?"), {attached->id}),
                     qint64(file.bytes.size()));
        }
        auto listed = o.documents.list(o.support, m.id);
        QCOMPARE(listed->size(), 6);
        QCOMPARE(listed->first().kind, DocumentKind::BusinessLicence);
        QCOMPARE(listed->last().kind, DocumentKind::Other);
        // Files named for another type are judged by content.
        auto renamed =
            o.documents.attach(o.maker, m.id, DocumentKind::Other, QStringLiteral("scan.pdf"), encoded("jpeg"));
        QVERIFY(renamed.ok()); // the bytes of legal_id_front, but another kind: a document of its own
        QCOMPARE(renamed->mediaType, QStringLiteral("image/jpeg"));
        QCOMPARE(renamed->fileName, QStringLiteral("scan.pdf"));
        // The whole set makes the merchant submittable.
        QVERIFY(o.merchants.submit(o.maker, m.id, m.version).ok());
    }

    void refusedFilesLeaveNothingBehind_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("why");
        const QByteArray png = OnboardingFixture::png();
        const QByteArray jpeg = encoded("jpeg");
        const QByteArray pdf = handPdf();
        QByteArray badCrc = png;
        badCrc[43] = char(badCrc[43] ^ 0x01); // a byte of the IDAT data
        QByteArray noEof = pdf;
        noEof.replace("%%EOF", "%%EOX");
        QByteArray badXref = pdf;
        badXref.replace("startxref\n", "startxref\n9");
        QByteArray notXref = pdf;
        notXref.replace("startxref\n" + QByteArray::number(pdf.indexOf("xref\n0 4")), "startxref\n20");

        QTest::newRow("gif") << QByteArray("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13)
                             << int(ErrorCode::DocumentTypeRefused) << QStringLiteral("PNG, JPEG or PDF");
        QTest::newRow("text named png") << QByteArray("just some text") << int(ErrorCode::DocumentTypeRefused)
                                        << QString();
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00", 8) << int(ErrorCode::DocumentTypeRefused)
                             << QString();
        QTest::newRow("empty") << QByteArray() << int(ErrorCode::DocumentCorrupt) << QStringLiteral("empty");
        QTest::newRow("png bad crc") << badCrc << int(ErrorCode::DocumentCorrupt)
                                     << QStringLiteral("IDAT at offset 33 fails its CRC");
        QTest::newRow("png truncated") << png.left(png.size() - 8) << int(ErrorCode::DocumentCorrupt)
                                       << QStringLiteral("before the IEND");
        QTest::newRow("png with a tail") << png + "PK\x03\x04" << int(ErrorCode::DocumentCorrupt)
                                         << QStringLiteral("follow the IEND");
        QTest::newRow("png header only") << png.left(20) << int(ErrorCode::DocumentCorrupt)
                                         << QStringLiteral("runs past the end");
        QTest::newRow("jpeg without eoi")
            << jpeg.chopped(2) << int(ErrorCode::DocumentCorrupt) << QStringLiteral("(EOI)");
        QTest::newRow("jpeg cut in a segment")
            << jpeg.left(40) << int(ErrorCode::DocumentCorrupt) << QStringLiteral("runs past the end");
        QTest::newRow("pdf without eof") << noEof << int(ErrorCode::DocumentCorrupt) << QStringLiteral("%%EOF");
        QTest::newRow("pdf cut short") << pdf.left(pdf.size() / 2) << int(ErrorCode::DocumentCorrupt)
                                       << QStringLiteral("%%EOF");
        QTest::newRow("pdf xref outside")
            << badXref << int(ErrorCode::DocumentCorrupt) << QStringLiteral("outside the file");
        QTest::newRow("pdf xref elsewhere")
            << notXref << int(ErrorCode::DocumentCorrupt) << QStringLiteral("cross-reference");
        QTest::newRow("pdf 3.0") << QByteArray(pdf).replace("%PDF-1.4", "%PDF-3.0") << int(ErrorCode::DocumentCorrupt)
                                 << QStringLiteral("header");
        QTest::newRow("over the limit") << QByteArray(10 * 1024 * 1024 + 1, 'x') << int(ErrorCode::DocumentTooLarge)
                                        << QStringLiteral("10485761 bytes");
    }
    void refusedFilesLeaveNothingBehind()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QString, why);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        const qint64 audit = o.auditCount();
        const qint64 history = o.count(QStringLiteral("SELECT count(*) FROM merchant_history"));
        auto refused =
            o.documents.attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("licence.png"), bytes);
        QVERIFY(!refused.ok());
        QCOMPARE(int(refused.error().code()), code);
        QVERIFY2(refused.error().detail().contains(why), qPrintable(refused.error().detail()));
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant_document")), qint64(0));
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant_history")), history);
        QCOMPARE(o.auditCount(), audit);
        QVERIFY(o.documents.list(o.maker, m.id, true)->isEmpty());
    }

    void theSizeLimitIsConfigurable()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f, 100);
        QCOMPARE(o.documents.maximumSize(), qint64(100));
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        QVERIFY(
            o.documents.attach(o.maker, m.id, DocumentKind::Other, QStringLiteral("a.png"), OnboardingFixture::png())
                .ok());
        auto big = o.documents.attach(o.maker, m.id, DocumentKind::Other, QStringLiteral("b.pdf"), handPdf());
        QCOMPARE(big.error().code(), ErrorCode::DocumentTooLarge);
        QCOMPARE(MerchantDocuments(f.core().database(), f.clock(), f.core().audit()).maximumSize(),
                 qint64(10 * 1024 * 1024));
        // Exactly at the limit is accepted by size (and then judged by content).
        MerchantDocuments exact(f.core().database(), f.clock(), f.core().audit(), OnboardingFixture::png().size());
        QVERIFY(
            exact
                .attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("c.png"), OnboardingFixture::png())
                .ok());
    }

    void supersedingAndIdempotentReattach()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        const QByteArray first = OnboardingFixture::png();
        const QByteArray second = OnboardingFixture::otherPng();
        auto a = o.documents.attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("old.png"), first);
        f.clock().advanceSeconds(60);
        auto b = o.documents.attach(o.checker, m.id, DocumentKind::BusinessLicence, QStringLiteral("new.png"), second);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(b->id != a->id);
        auto current = o.documents.list(o.maker, m.id);
        QCOMPARE(current->size(), 1);
        QCOMPARE(current->first().id, b->id);
        auto everything = o.documents.list(o.maker, m.id, true);
        QCOMPARE(everything->size(), 2);
        QCOMPARE(everything->at(0).id, a->id);
        QVERIFY(everything->at(0).superseded);
        QVERIFY(!everything->at(1).superseded);
        auto records = f.core().audit().records(
            f.admin(), AuditFilter{{}, QStringLiteral("merchant.document.attach"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 2);
        QVERIFY(records->first().detail.contains(QStringLiteral("\"before\":{")));
        QVERIFY(records->first().detail.contains(sha256(first)));
        QVERIFY(records->first().detail.contains(sha256(second)));

        // The same bytes again: the document already there, nothing written.
        const qint64 audit = o.auditCount();
        auto again =
            o.documents.attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("renamed.png"), second);
        QVERIFY(again.ok());
        QCOMPARE(again->id, b->id);
        QCOMPARE(again->fileName, QStringLiteral("new.png"));
        QCOMPARE(o.auditCount(), audit);
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant_document")), qint64(2));

        // "other" holds several; each file once.
        QVERIFY(o.documents.attach(o.maker, m.id, DocumentKind::Other, QStringLiteral("1.png"), first).ok());
        QVERIFY(o.documents.attach(o.maker, m.id, DocumentKind::Other, QStringLiteral("2.pdf"), handPdf()).ok());
        QCOMPARE(o.documents.attach(o.maker, m.id, DocumentKind::Other, QStringLiteral("3.png"), first)->fileName,
                 QStringLiteral("1.png"));
        QCOMPARE(o.documents.list(o.maker, m.id)->size(), 3);

        // Removing marks superseded; nothing is deleted.
        QVERIFY(o.documents.remove(o.maker, b->id).ok());
        QCOMPARE(o.documents.list(o.maker, m.id)->size(), 2);
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant_document")), qint64(4));
        QCOMPARE(o.merchants.history(o.maker, m.id)->last().action, QStringLiteral("document.remove"));
        QCOMPARE(o.documents.remove(o.maker, 999).error().code(), ErrorCode::DocumentUnknown);
    }

    void storedBytesChangedBehindOurBackAreRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        auto attached = o.documents.attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("licence.png"),
                                           OnboardingFixture::png());
        QVERIFY(attached.ok());
        // A disk fault or a hand edit changes the stored bytes: the SHA-256 kept beside them no longer matches.
        QSqlQuery tamper(f.core().database().connection().value());
        QVERIFY(tamper.prepare(QStringLiteral("UPDATE merchant_document SET content = ? WHERE id = ?")));
        tamper.addBindValue(OnboardingFixture::otherPng());
        tamper.addBindValue(attached->id);
        QVERIFY2(tamper.exec(), qPrintable(tamper.lastError().text()));
        auto content = o.documents.content(o.checker, attached->id);
        QVERIFY(!content.ok());
        QCOMPARE(content.error().code(), ErrorCode::DocumentCorrupt);
        QVERIFY(content.error().detail().contains(QStringLiteral("SHA-256")));
    }

    void contentRoundTripIsAudited()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        const QByteArray jpeg = encoded("jpeg");
        auto attached = o.documents.attach(o.maker, m.id, DocumentKind::LegalIdFront,
                                           QStringLiteral("C:\\scans\\..\\身份证正面.jpg"), jpeg);
        QVERIFY(attached.ok());
        QCOMPARE(attached->fileName, QStringLiteral("身份证正面.jpg"));
        QCOMPARE(MerchantDocuments::cleanFileName(QStringLiteral("../../etc/passwd\n.png")),
                 QStringLiteral("passwd.png"));
        QCOMPARE(MerchantDocuments::cleanFileName(QStringLiteral("/")), QStringLiteral("document"));

        auto content = o.documents.content(o.checker, attached->id);
        QVERIFY2(content.ok(), qPrintable(content.error().message()));
        QCOMPARE(content->bytes, jpeg);
        QCOMPARE(content->document.mediaType, QStringLiteral("image/jpeg"));
        QCOMPARE(content->document.fileName, QStringLiteral("身份证正面.jpg"));
        auto views = f.core().audit().records(
            f.admin(), AuditFilter{QStringLiteral("oscar"), QStringLiteral("merchant.document.view"), {}, {}}, 0, 10);
        QCOMPARE(views->size(), 1);
        QCOMPARE(views->first().object, QStringLiteral("merchant:") + m.merchantNo);
        QVERIFY(views->first().detail.contains(sha256(jpeg)));

        // Support may list but not open personal documents; the refusal is on record.
        QCOMPARE(o.documents.list(o.support, m.id)->size(), 1);
        QCOMPARE(o.documents.content(o.support, attached->id).error().code(), ErrorCode::PermissionDenied);
        auto denied = f.core().audit().records(
            f.admin(), AuditFilter{QStringLiteral("sam"), QStringLiteral("permission.denied"), {}, {}}, 0, 10);
        QCOMPARE(denied->size(), 1);
        QVERIFY(denied->first().detail.contains(QStringLiteral("merchant.view_sensitive")));
        QCOMPARE(
            o.documents.attach(o.support, m.id, DocumentKind::Other, QStringLiteral("x.png"), OnboardingFixture::png())
                .error()
                .code(),
            ErrorCode::PermissionDenied);
        QCOMPARE(o.documents.content(o.maker, 4242).error().code(), ErrorCode::DocumentUnknown);
        QCOMPARE(
            o.documents.attach(o.maker, 4242, DocumentKind::Other, QStringLiteral("x.png"), OnboardingFixture::png())
                .error()
                .code(),
            ErrorCode::MerchantUnknown);
    }

    void documentsAreLockedOnceSubmitted()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Submitted);
        const qint64 documents = o.count(QStringLiteral("SELECT count(*) FROM merchant_document"));
        const QList<MerchantDocument> current = o.documents.list(o.maker, m.id).value();
        auto late = o.documents.attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("late.png"),
                                       OnboardingFixture::otherPng());
        QCOMPARE(late.error().code(), ErrorCode::MerchantTransitionRefused);
        QVERIFY(late.error().detail().contains(QStringLiteral("submitted")));
        QCOMPARE(o.documents.remove(o.maker, current.first().id).error().code(), ErrorCode::MerchantTransitionRefused);
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant_document")), documents);
        QCOMPARE(o.documents.list(o.maker, m.id)->size(), current.size());

        // Rejected: documents may change again. Removing a required one blocks the next submission.
        const Merchant rejected =
            o.merchants.reject(o.checker, m.id, m.version, QStringLiteral("bank proof unreadable")).value();
        QVERIFY(o.documents
                    .attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("late.png"),
                            OnboardingFixture::otherPng())
                    .ok());
        qint64 bankProof = 0;
        for (const MerchantDocument &document : current) {
            if (document.kind == DocumentKind::BankAccountProof)
                bankProof = document.id;
        }
        QVERIFY(o.documents.remove(o.maker, bankProof).ok());
        const Merchant draft = o.merchants.reopen(o.maker, m.id, rejected.version).value();
        auto blocked = o.merchants.submit(o.maker, m.id, draft.version);
        QCOMPARE(blocked.error().code(), ErrorCode::MerchantDocumentMissing);
        QCOMPARE(blocked.error().detail(), QStringLiteral("bank_account_proof"));
    }

    void inspectorDirectly()
    {
        QFETCH_GLOBAL(QString, backend);
        Q_UNUSED(backend);
        QCOMPARE(DocumentInspector::inspect(encoded("png")).value(), QStringLiteral("image/png"));
        QCOMPARE(DocumentInspector::inspect(handPdf()).value(), QStringLiteral("application/pdf"));
        // CRC-32 check value of the standard ("123456789" → CBF43926).
        QCOMPARE(DocumentInspector::crc32("123456789", 9), quint32(0xcbf43926));
        // A PDF may end with a line break after %%EOF, not with anything else.
        QVERIFY(DocumentInspector::checkPdf(handPdf() + "\r\n").ok());
        QVERIFY(!DocumentInspector::checkPdf(handPdf() + "garbage").ok());
        // JPEG: a scan before any frame header is not an image.
        QByteArray jpeg = encoded("jpeg");
        QVERIFY(DocumentInspector::checkJpeg(jpeg).ok());
        QVERIFY(!DocumentInspector::checkJpeg(QByteArray::fromHex("ffd8ffda000801010000003f00") + "data" +
                                              QByteArray::fromHex("ffd9"))
                     .ok());
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // QPdfWriter and the image writers need one
    TestDocuments test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_documents.moc"
