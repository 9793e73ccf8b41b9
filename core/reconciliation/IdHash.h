#pragma once

#include <QByteArrayView>

#include <functional>
#include <string_view>

namespace paydesk::IdHash {

// The matcher hashes ids many times per record (partition, bucket, index keys): the standard
// library's byte hash, with a 64-bit finaliser (MurmurHash3's fmix64) to derive independent
// hashes for each use from it.
inline size_t of(QByteArrayView bytes)
{
    return std::hash<std::string_view>{}(std::string_view(bytes.data(), size_t(bytes.size())));
}

inline size_t mixed(size_t hash, size_t seed)
{
    quint64 mixing = quint64(hash) ^ quint64(seed);
    mixing ^= mixing >> 33;
    mixing *= 0xff51afd7ed558ccdULL;
    mixing ^= mixing >> 33;
    mixing *= 0xc4ceb9fe1a85ec53ULL;
    mixing ^= mixing >> 33;
    return size_t(mixing);
}

// Two ids as one key.
inline size_t pair(QByteArrayView first, QByteArrayView second, size_t seed)
{
    return mixed(of(first) ^ mixed(of(second), seed), seed);
}

} // namespace paydesk::IdHash
