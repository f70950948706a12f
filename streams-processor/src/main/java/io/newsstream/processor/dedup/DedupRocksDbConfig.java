package io.newsstream.processor.dedup;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * RocksDB settings of the de-duplication stores (set as {@code rocksdb.config.setter}), tuned for
 * what they do: point gets of hashed keys, most of them for keys that are absent (a distinct
 * article's 9 index keys are new).
 *
 * <ul>
 *   <li>Bloom filters (10 bits per key, ~1% false positives) on <em>every</em> level: Kafka
 *       Streams' default {@code optimizeFiltersForHits} leaves the last level, which holds most
 *       keys, without filters, so each get of an absent key read an index and a data block there.
 *   <li>Index and filter blocks stay in memory outside the block cache (RocksDB's default; ~1.3
 *       bytes of filter per key, 11 keys per distinct article = ~15 MB per million articles), so a
 *       cold block cache never costs a filter read.
 *   <li>Hash index inside data blocks ({@code kDataBlockBinaryAndHash}): a hit finds its key in the
 *       block without a binary search.
 *   <li>One block cache of {@value #BLOCK_CACHE_MB} MiB shared by all stores of the process
 *       (instead of 50 MiB per store).
 * </ul>
 */
public final class DedupRocksDbConfig implements RocksDBConfigSetter {

    /** Size of the block cache shared by every store of the process. */
    static final long BLOCK_CACHE_MB = 64;

    private static final Cache SHARED_CACHE = new LRUCache(BLOCK_CACHE_MB * 1024 * 1024);

    private BloomFilter filter;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        filter = new BloomFilter(10, false);
        table.setFilterPolicy(filter);
        table.setWholeKeyFiltering(true);
        table.setBlockCache(SHARED_CACHE);
        table.setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash);
        options.setTableFormatConfig(table);
        options.setOptimizeFiltersForHits(false);
    }

    @Override
    public void close(String storeName, Options options) {
        // the shared cache lives as long as the process; the filter is this store's
        if (filter != null) {
            filter.close();
        }
    }
}
