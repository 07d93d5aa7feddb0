package org.doorstep.matching.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.doorstep.matching.bench.MatchQuality.Extracted;
import org.doorstep.matching.bench.MatchQuality.ExtractedSkill;
import org.doorstep.matching.bench.MatchQuality.Hit;
import org.doorstep.matching.bench.MatchQuality.Resume;
import org.doorstep.matching.bench.MatchQuality.SeekerRanker;
import org.doorstep.matching.bench.MatchQuality.SkillExtraction;
import org.doorstep.matching.bench.MatchQualityData.EscoPosting;

/**
 * The keyword baselines of the match-quality benchmark (issue 11): one Lucene document per posting, its
 * title, description and essential-skill labels in one text field analysed with Lucene's
 * {@code EnglishAnalyzer}, ranked with {@code BM25Similarity(k1 1.2, b 0.75)}. A query is a disjunction
 * (SHOULD) of one {@link TermQuery} per distinct term of the query text, analysed the same way: the resume
 * text for {@link #resumeText()}, the labels of the skills extracted from it for {@link #skillLabels}.
 * <p>
 * {@code EnglishAnalyzer} lives in {@code lucene-analysis-common}, which matching-service does not depend on
 * (lucene-core only). It is taken from the test classpath when there, else from the local Maven repository
 * (same version as lucene-core); fetch it once with
 * {@code ./mvnw -B dependency:get -Dartifact=org.apache.lucene:lucene-analysis-common:<lucene version> -Dtransitive=false}.
 */
final class MatchQualityBm25 implements Closeable {

    private static final String TEXT = "text";
    private static final String ID = "id";

    private final Analyzer analyzer;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final StoredFields stored;
    private final String[] idByDoc;

    MatchQualityBm25(List<EscoPosting> postings) {
        this.analyzer = new EnglishAnalyzer();
        BM25Similarity bm25 = new BM25Similarity(1.2f, 0.75f);
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(bm25);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (EscoPosting p : postings) {
                    Document doc = new Document();
                    doc.add(new StoredField(ID, p.uri()));
                    doc.add(new TextField(TEXT, p.title() + "\n" + p.description() + "\n"
                            + String.join("\n", p.skillLabels()), Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(bm25);
            stored = searcher.storedFields();
            idByDoc = new String[reader.maxDoc()];
            for (int doc = 0; doc < idByDoc.length; doc++) {
                idByDoc[doc] = stored.document(doc).get(ID);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a resume has hundreds of distinct terms (the longest some thousands); the default limit is 1,024
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 100_000));
    }

    int documents() {
        return reader.numDocs();
    }

    /** BM25 over the resume text. */
    SeekerRanker resumeText() {
        return new SeekerRanker() {
            @Override
            public List<String> top(Resume resume, int k) {
                return scored(resume, k).stream().map(Hit::postingId).toList();
            }

            @Override
            public List<Hit> scored(Resume resume, int k) {
                return search(resume.text(), k);
            }

            @Override
            public String name() {
                return "BM25 resume text";
            }
        };
    }

    /** BM25 over the labels of the skills {@code extraction} finds in the resume. */
    SeekerRanker skillLabels(SkillExtraction extraction) {
        return new SeekerRanker() {
            @Override
            public List<String> top(Resume resume, int k) {
                return scored(resume, k).stream().map(Hit::postingId).toList();
            }

            @Override
            public List<Hit> scored(Resume resume, int k) {
                Extracted extracted = extraction.extract(resume.text());
                StringBuilder labels = new StringBuilder();
                for (ExtractedSkill skill : extracted.skills()) {
                    labels.append(skill.label()).append('\n');
                }
                return search(labels.toString(), k);
            }

            @Override
            public String name() {
                return "BM25 skill labels";
            }
        };
    }

    /** The top {@code k} postings for a query text (Lucene's order: score, then document number = file order). */
    List<Hit> search(String text, int k) {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        try {
            TopDocs top = searcher.search(query.build(), k);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc d : top.scoreDocs) {
                hits.add(new Hit(idByDoc[d.doc], d.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct terms of a text as the index analyses it, in order of first occurrence. */
    Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
        analyzer.close();
    }
}
