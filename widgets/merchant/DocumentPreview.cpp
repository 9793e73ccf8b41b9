#include "widgets/merchant/DocumentPreview.h"

#include <QBuffer>
#include <QEvent>
#include <QImage>
#include <QLabel>
#include <QPdfDocument>
#include <QPdfView>
#include <QPixmap>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace paydesk {

DocumentPreview::DocumentPreview(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_message(new QLabel(this)),
      m_imageArea(new QScrollArea(this)), m_image(new QLabel), m_pdfView(new QPdfView(this)),
      m_pdf(new QPdfDocument(this))
{
    setObjectName(QStringLiteral("documentPreview"));
    m_message->setObjectName(QStringLiteral("documentPreviewMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_image->setObjectName(QStringLiteral("documentImage"));
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_imageArea->setAlignment(Qt::AlignCenter);
    m_imageArea->viewport()->installEventFilter(this);
    m_pdfView->setObjectName(QStringLiteral("documentPdf"));
    m_pdfView->setDocument(m_pdf);
    m_pdfView->setPageMode(QPdfView::PageMode::MultiPage);
    m_pdfView->setZoomMode(QPdfView::ZoomMode::FitToWidth);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_imageArea);
    m_stack->addWidget(m_pdfView);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

DocumentPreview::~DocumentPreview()
{
    delete m_pixmap;
}

void DocumentPreview::clear()
{
    m_kind.clear();
    m_pdf->close();
    delete m_pdfBytes;
    m_pdfBytes = nullptr;
    delete m_pixmap;
    m_pixmap = nullptr;
    m_image->clear();
    showMessage(tr("Select a document to see it here."));
}

void DocumentPreview::showMessage(const QString &text)
{
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

bool DocumentPreview::show(const QByteArray &content, const QString &mediaType)
{
    clear();
    if (mediaType == QLatin1String("application/pdf")) {
        // QPdfDocument reads from the device as it renders: the buffer lives as long as the view.
        m_pdfBytes = new QBuffer(this);
        m_pdfBytes->setData(content);
        m_pdfBytes->open(QIODevice::ReadOnly);
        m_pdf->load(m_pdfBytes);
        if (m_pdf->status() == QPdfDocument::Status::Error || m_pdf->pageCount() <= 0) {
            showMessage(tr("This PDF cannot be shown."));
            return false;
        }
        m_kind = QStringLiteral("pdf");
        m_stack->setCurrentWidget(m_pdfView);
        return true;
    }
    QImage image;
    if (!image.loadFromData(content)) {
        showMessage(tr("This image cannot be shown."));
        return false;
    }
    m_pixmap = new QPixmap(QPixmap::fromImage(image));
    m_kind = QStringLiteral("image");
    m_stack->setCurrentWidget(m_imageArea);
    fitImage();
    return true;
}

int DocumentPreview::pdfPageCount() const
{
    return m_kind == QLatin1String("pdf") ? m_pdf->pageCount() : 0;
}

void DocumentPreview::fitImage()
{
    if (!m_pixmap)
        return;
    const QSize room = m_imageArea->viewport()->size() - QSize(4, 4);
    const QPixmap fitted = m_pixmap->width() > room.width() || m_pixmap->height() > room.height()
                               ? m_pixmap->scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                               : *m_pixmap;
    m_image->setPixmap(fitted);
}

void DocumentPreview::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitImage();
}

bool DocumentPreview::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_imageArea->viewport() && event->type() == QEvent::Resize)
        fitImage();
    return QWidget::eventFilter(watched, event);
}

void DocumentPreview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_kind.isEmpty() && m_stack->currentWidget() == m_message)
        m_message->setText(tr("Select a document to see it here."));
    QWidget::changeEvent(event);
}

} // namespace paydesk
