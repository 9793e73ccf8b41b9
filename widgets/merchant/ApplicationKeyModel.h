#pragma once

#include "core/merchant/Application.h"
#include "widgets/common/RecordTableModel.h"

#include <QDateTime>

namespace paydesk {

// An application's signing keys, newest first: kind, fingerprint, the validity window and its
// state at a given instant (scheduled, valid, ending after a rotation's overlap, ended).
class ApplicationKeyModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KindColumn,
        StateColumn,
        FingerprintColumn,
        ValidFromColumn,
        ValidUntilColumn,
        CreatedByColumn,
        ColumnCount
    };
    enum class State
    {
        Scheduled,
        Valid,
        Ending,
        Ended
    };

    explicit ApplicationKeyModel(QObject *parent = nullptr) : RecordTableModel(ColumnCount, parent) {}

    void setKeys(const QList<ApplicationKey> &keys, const QDateTime &now);
    const ApplicationKey &at(int row) const { return m_keys[row]; }
    State state(int row) const;
    static QString stateText(State state);

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_keys.size()); }
    QList<ApplicationKey> m_keys;
    QDateTime m_now;
};

} // namespace paydesk
