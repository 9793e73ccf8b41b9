#pragma once

#include <QAbstractTableModel>

namespace paydesk {

// A flat table of records with a fixed set of columns. The row and column counts and the
// repaint after a language or locale switch live here, so a model states only its columns,
// how a record shows and where its records are held.
class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Texts and formats follow the language and locale: repaint the headers and every cell.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;

protected:
    RecordTableModel(int columns, QObject *parent);

    // How many records the model holds now.
    virtual int recordCount() const = 0;

private:
    int m_columns;
};

} // namespace paydesk
