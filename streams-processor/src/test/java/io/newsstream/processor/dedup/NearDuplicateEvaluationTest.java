package io.newsstream.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsstream.processor.enrich.ContentHash;
import io.newsstream.testkit.ReutersCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Precision and recall of the near-duplicate detector on the first 4,000 Reuters-21578 documents
 * against the silver pairs of {@code near_duplicates_derived.csv} (word 5-shingle Jaccard >= 0.5
 * between bodies). The documents are fed in NEWID order as one bucket, bodies only (as the silver
 * pairs were computed), with the default settings (5-word shingles, threshold 0.5).
 *
 * <p>A silver pair counts as found when the detector put both documents in one cluster (duplicate
 * links chain to the first article); a detected link counts as correct when both documents are in
 * one silver cluster.
 */
class NearDuplicateEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(NearDuplicateEvaluationTest.class);

    @Test
    void findsTheSilverNearDuplicatePairsOfReuters() throws IOException {
        List<ReutersCorpus.Doc> docs = ReutersCorpus.read();
        assertThat(docs).hasSize(4000);
        List<int[]> silver = new ArrayList<>();
        for (String line :
                Files.readAllLines(ReutersCorpus.dir().resolve("near_duplicates_derived.csv"))) {
            if (line.startsWith("newid_a")) {
                continue;
            }
            String[] f = line.split(",", 3);
            silver.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
        }
        assertThat(silver).hasSize(123);

        Result r = evaluate(docs, silver, 5, 0.5);
        LOG.info(
                "Reuters-21578 (4,000 docs, 123 silver pairs): {} duplicate links, precision {},"
                        + " recall {} ({} same content, {} near)",
                r.links,
                String.format("%.3f", r.precision()),
                String.format("%.3f", r.recall()),
                r.sameContent,
                r.near);
        System.out.printf(
                "near-duplicate eval: links=%d precision=%.3f recall=%.3f (silver pairs found"
                        + " %d/%d, links in a silver cluster %d/%d, links whose exact Jaccard"
                        + " reaches the threshold %d/%d)%n",
                r.links,
                r.precision(),
                r.recall(),
                r.silverFound,
                silver.size(),
                r.correct,
                r.links,
                r.exactlyAboveThreshold,
                r.links);
        assertThat(r.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.85);
        assertThat((double) r.exactlyAboveThreshold / r.links).isGreaterThanOrEqualTo(0.9);
    }

    record Result(
            int links,
            int correct,
            int exactlyAboveThreshold,
            int silverFound,
            int silverTotal,
            int sameContent,
            int near) {
        double precision() {
            return links == 0 ? 1 : (double) correct / links;
        }

        double recall() {
            return (double) silverFound / silverTotal;
        }
    }

    static Result evaluate(
            List<ReutersCorpus.Doc> docs, List<int[]> silver, int shingleWords, double threshold) {
        NearDuplicateDetector detector = new NearDuplicateDetector(shingleWords, threshold);
        ArrayDedupState state = new ArrayDedupState(docs.size());
        UnionFind predicted = new UnionFind();
        List<int[]> links = new ArrayList<>();
        int sameContent = 0;
        int near = 0;
        long t = 0;
        for (ReutersCorpus.Doc d : docs) {
            if (d.body().isBlank()) {
                continue;
            }
            String id = Integer.toString(d.newId());
            DedupVerdict v =
                    detector.check(
                            "reuters",
                            id,
                            ContentHash.of("", d.body()),
                            detector.fingerprint(null, d.body()),
                            t++,
                            state);
            if (v.isDuplicate()) {
                int original = Integer.parseInt(v.originalId());
                links.add(new int[] {original, d.newId()});
                predicted.union(original, d.newId());
                if (v.kind() == DedupVerdict.Kind.SAME_CONTENT) {
                    sameContent++;
                } else {
                    near++;
                }
            }
        }
        UnionFind truth = new UnionFind();
        for (int[] p : silver) {
            truth.union(p[0], p[1]);
        }
        Map<Integer, String> bodies = new HashMap<>();
        for (ReutersCorpus.Doc d : docs) {
            bodies.put(d.newId(), d.body());
        }
        int correct = 0;
        int exactlyAboveThreshold = 0;
        for (int[] l : links) {
            double exact = exactJaccard(bodies.get(l[0]), bodies.get(l[1]), shingleWords);
            if (exact >= threshold) {
                exactlyAboveThreshold++;
            }
            if (truth.find(l[0]) == truth.find(l[1])) {
                correct++;
            } else {
                LOG.info(
                        "Link not in the silver pairs: {} -> {} (exact Jaccard {})",
                        l[1],
                        l[0],
                        String.format("%.3f", exact));
            }
        }
        int found = 0;
        for (int[] p : silver) {
            if (predicted.find(p[0]) == predicted.find(p[1])) {
                found++;
            } else {
                LOG.debug("Silver pair missed: {} {}", p[0], p[1]);
            }
        }
        return new Result(
                links.size(),
                correct,
                exactlyAboveThreshold,
                found,
                silver.size(),
                sameContent,
                near);
    }

    /** The exact Jaccard similarity of two texts' shingle sets (what MinHash estimates). */
    static double exactJaccard(String a, String b, int shingleWords) {
        Set<Long> sa = new HashSet<>();
        for (long h : Shingles.of(a, shingleWords).hashes()) {
            sa.add(h);
        }
        Set<Long> sb = new HashSet<>();
        for (long h : Shingles.of(b, shingleWords).hashes()) {
            sb.add(h);
        }
        Set<Long> union = new HashSet<>(sa);
        union.addAll(sb);
        sa.retainAll(sb);
        return union.isEmpty() ? 0 : (double) sa.size() / union.size();
    }

    private static final class UnionFind {
        private final Map<Integer, Integer> parent = new HashMap<>();

        int find(int x) {
            Integer p = parent.get(x);
            if (p == null || p == x) {
                return x;
            }
            int root = find(p);
            parent.put(x, root);
            return root;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent.put(rb, ra);
            }
        }
    }
}
