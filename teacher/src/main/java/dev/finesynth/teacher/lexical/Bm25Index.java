package dev.finesynth.teacher.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * A BM25 index of one corpus on Lucene: English analysis (lower case, stop words, possessives,
 * Porter stemming), documents upserted and deleted by id, bag-of-words queries (a term repeated in
 * the query counts as often as it appears, like Anserini).
 *
 * <p>Writes are visible to the next search. Deleted and replaced documents keep counting in the
 * corpus statistics (document count, average length) until Lucene merges their segment away, as in
 * any Lucene index: scores drift slightly after many updates, rankings hardly. Thread-safe.
 */
public final class Bm25Index implements AutoCloseable {
  private static final String ID = "id";
  private static final String TEXT = "text";

  private final Directory directory;
  private final Analyzer analyzer = new EnglishAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Bm25Params params;
  private volatile boolean stale;

  private Bm25Index(Directory directory, Bm25Params params) throws IOException {
    this.directory = directory;
    this.params = params;
    BM25Similarity similarity = new BM25Similarity(params.k1(), params.b());
    this.writer =
        new IndexWriter(
            directory,
            new IndexWriterConfig(analyzer)
                .setSimilarity(similarity)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    this.searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
              }
            });
  }

  /** An index in memory, empty. */
  public static Bm25Index inMemory(Bm25Params params) {
    try {
      return new Bm25Index(new ByteBuffersDirectory(), params);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a BM25 index in memory", e);
    }
  }

  /** The index in {@code folder}, created when absent; {@link #commit} makes writes durable. */
  public static Bm25Index open(Path folder, Bm25Params params) {
    try {
      return new Bm25Index(FSDirectory.open(folder), params);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the BM25 index in " + folder, e);
    }
  }

  /** Adds the document, or replaces the one with the same id. */
  public void upsert(String docId, String text) {
    Document doc = new Document();
    doc.add(new StringField(ID, docId, Field.Store.YES));
    doc.add(new TextField(TEXT, text, Field.Store.NO));
    write(() -> writer.updateDocument(new Term(ID, docId), doc));
  }

  /** Removes the document; an unknown id is a no-op. */
  public void delete(String docId) {
    write(() -> writer.deleteDocuments(new Term(ID, docId)));
  }

  /** Makes every write so far durable (a no-op in effect for an in-memory index). */
  public void commit() {
    write(writer::commit);
  }

  /** The {@code k} best documents for the query, best first; none when no query term is known. */
  public List<Hit> search(String query, int k) {
    Map<String, Integer> terms = terms(query);
    if (terms.isEmpty() || k < 1) {
      return List.of();
    }
    return withSearcher(
        searcher -> {
          ScoreDoc[] docs = searcher.search(bagOfWords(terms), k).scoreDocs;
          StoredFields stored = searcher.storedFields();
          List<Hit> hits = new ArrayList<>(docs.length);
          for (ScoreDoc doc : docs) {
            hits.add(new Hit(stored.document(doc.doc).get(ID), doc.score));
          }
          return hits;
        });
  }

  /**
   * The BM25 score of each of {@code docIds} for the query, in their order: 0 for a document that
   * shares no term with the query or is not in the index.
   */
  public double[] score(String query, List<String> docIds) {
    double[] scores = new double[docIds.size()];
    Map<String, Integer> terms = terms(query);
    if (terms.isEmpty() || docIds.isEmpty()) {
      return scores;
    }
    List<BytesRef> ids = docIds.stream().map(BytesRef::new).toList();
    BooleanQuery.Builder only = new BooleanQuery.Builder();
    only.add(bagOfWords(terms), Occur.MUST);
    only.add(new TermInSetQuery(ID, ids), Occur.FILTER);
    Map<String, Float> byId =
        withSearcher(
            searcher -> {
              Map<String, Float> found = new HashMap<>();
              StoredFields stored = searcher.storedFields();
              for (ScoreDoc doc : searcher.search(only.build(), docIds.size()).scoreDocs) {
                found.put(stored.document(doc.doc).get(ID), doc.score);
              }
              return found;
            });
    for (int i = 0; i < scores.length; i++) {
      scores[i] = byId.getOrDefault(docIds.get(i), 0f);
    }
    return scores;
  }

  /** Documents in the index now. */
  public int size() {
    return withSearcher(searcher -> searcher.getIndexReader().numDocs());
  }

  public Bm25Params params() {
    return params;
  }

  /** The analysed query terms with how often each occurs, in first-seen order. */
  Map<String, Integer> terms(String text) {
    Map<String, Integer> terms = new LinkedHashMap<>();
    try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        terms.merge(term.toString(), 1, Integer::sum);
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot analyse query text", e);
    }
    return terms;
  }

  private static Query bagOfWords(Map<String, Integer> terms) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    int room = IndexSearcher.getMaxClauseCount() - 1;
    for (Map.Entry<String, Integer> entry : terms.entrySet()) {
      if (room-- == 0) {
        break;
      }
      Query term = new TermQuery(new Term(TEXT, entry.getKey()));
      query.add(
          entry.getValue() == 1 ? term : new BoostQuery(term, entry.getValue()), Occur.SHOULD);
    }
    return query.build();
  }

  private void write(IoAction action) {
    try {
      action.run();
      stale = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the BM25 index", e);
    }
  }

  private <T> T withSearcher(IoFunction<T> action) {
    try {
      if (stale) {
        stale = false;
        searchers.maybeRefreshBlocking();
      }
      IndexSearcher searcher = searchers.acquire();
      try {
        return action.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the BM25 index", e);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
    analyzer.close();
  }

  /** A document and its BM25 score for the query. */
  public record Hit(String docId, double score) {}

  private interface IoAction {
    void run() throws IOException;
  }

  private interface IoFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }
}
