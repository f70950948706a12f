package io.newsstream.common.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void contentHashIgnoresCaseAndWhiteSpaceDifferences() {
        String a = ArticleIds.contentHash("AFP", "A  Title", "Para one.\n\nPara two.");
        String b = ArticleIds.contentHash("afp", "a title", "Para\u00A0one. Para two.");
        assertThat(a).isEqualTo(b).startsWith("sha256:").hasSize(7 + 64);
    }

    @Test
    void contentHashChangesWithOutletTitleOrBody() {
        String base = ArticleIds.contentHash("AFP", "Title", "Body.");
        assertThat(ArticleIds.contentHash("Reuters", "Title", "Body.")).isNotEqualTo(base);
        assertThat(ArticleIds.contentHash(null, "Title", "Body.")).isNotEqualTo(base);
        assertThat(ArticleIds.contentHash("AFP", "Title 2", "Body.")).isNotEqualTo(base);
        assertThat(ArticleIds.contentHash("AFP", "Title", "Body 2.")).isNotEqualTo(base);
        // The separator keeps "title + body" boundaries apart.
        assertThat(ArticleIds.contentHash("AFP", "Title Body.", ""))
                .isNotEqualTo(ArticleIds.contentHash("AFP", "Title", "Body."));
    }

    @Test
    void canonicalUrlDropsTrackingFragmentAndDefaultPort() {
        assertThat(
                        ArticleIds.canonicalUrl(
                                "HTTPS://News.Example.COM:443/a/B?utm_medium=x&p=1&fbclid=y#c"))
                .isEqualTo("https://news.example.com/a/B?p=1");
        assertThat(ArticleIds.canonicalUrl("http://example.com")).isEqualTo("http://example.com/");
        assertThat(ArticleIds.canonicalUrl("http://example.com:8080/x"))
                .isEqualTo("http://example.com:8080/x");
    }

    @Test
    void canonicalUrlRefusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> ArticleIds.canonicalUrl("ftp://example.com/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> ArticleIds.canonicalUrl("not a url"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
