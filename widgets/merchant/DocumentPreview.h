#pragma once

#include <QWidget>

class QBuffer;
class QLabel;
class QPdfDocument;
class QPdfView;
class QScrollArea;
class QStackedWidget;

namespace paydesk {

// Shows a merchant document as it was uploaded: a PNG or JPEG image scaled to fit, or a PDF
// with every page (Qt PDF). The bytes come from the core, which checked type and integrity.
class DocumentPreview : public QWidget
{
    Q_OBJECT

public:
    explicit DocumentPreview(QWidget *parent = nullptr);
    ~DocumentPreview() override;

    // `mediaType`: image/png, image/jpeg or application/pdf. Returns false (and shows why)
    // when the bytes cannot be shown.
    bool show(const QByteArray &content, const QString &mediaType);
    void clear();
    // What is shown: "image", "pdf" or "" (nothing, or an error).
    QString shownKind() const { return m_kind; }
    int pdfPageCount() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    // The image follows its scroll area's viewport, which is sized only once it is shown (a
    // preview filled while its tab was hidden would otherwise stay thumbnail-sized).
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showMessage(const QString &text);
    void fitImage();

    QStackedWidget *m_stack;
    QLabel *m_message;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    QPdfView *m_pdfView;
    QPdfDocument *m_pdf;
    QBuffer *m_pdfBytes = nullptr;
    QPixmap *m_pixmap = nullptr;
    QString m_kind;
};

} // namespace paydesk
