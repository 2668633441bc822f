package dev.finesynth.evaluation.data;

/** What an evaluation needs: the documents to search, the queries, and their judgments. */
public record EvaluationSet(Corpus corpus, Queries queries, Qrels qrels) {}
