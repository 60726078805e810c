using System.Text.Json.Serialization;

namespace SciCurate.Pipeline.Output;

/// <summary>One page of a PDF: a row of the pdf_pages table.</summary>
public sealed class PdfPageRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("page_no")] public int PageNo { get; set; }
    /// <summary>cheap | vlm | vlm_pending | vlm_failed | failed.</summary>
    [JsonPropertyName("route")] public string Route { get; set; } = "cheap";
    [JsonPropertyName("hard_score")] public double HardScore { get; set; }
    [JsonPropertyName("hard_reasons")] public List<string> HardReasons { get; set; } = [];
    [JsonPropertyName("detector")] public string Detector { get; set; } = "";
    [JsonPropertyName("parser")] public string Parser { get; set; } = "";
    [JsonPropertyName("markdown")] public string Markdown { get; set; } = "";
    /// <summary>The cheap parser's Markdown, kept when a VLM replaced it.</summary>
    [JsonPropertyName("cheap_markdown")] public string CheapMarkdown { get; set; } = "";
    [JsonPropertyName("char_count")] public int CharCount { get; set; }
    [JsonPropertyName("parse_ms")] public double ParseMs { get; set; }
    [JsonPropertyName("width")] public double Width { get; set; }
    [JsonPropertyName("height")] public double Height { get; set; }
    [JsonPropertyName("features")] public List<float> Features { get; set; } = [];
    [JsonPropertyName("vlm_model")] public string? VlmModel { get; set; }
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; set; }
    [JsonPropertyName("cost_usd")] public double CostUsd { get; set; }
    [JsonPropertyName("vlm_ms")] public double VlmMs { get; set; }
    /// <summary>The VLM answer came from the answer cache: its tokens were paid once, earlier.</summary>
    [JsonPropertyName("vlm_cached")] public bool VlmCached { get; set; }
    [JsonPropertyName("error")] public string? Error { get; set; }
    /// <summary>Tokens of the page's Markdown (Tokens:Encoding).</summary>
    [JsonPropertyName("tokens")] public long Tokens { get; set; }
    /// <summary>The page's language where it differs from its document's (a bilingual abstract, an appendix), else null.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }
}

/// <summary>One PDF file: a row of the pdf_documents table.</summary>
public sealed class PdfDocumentRow : IMarkableDocumentRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("source_path")] public string SourcePath { get; set; } = "";
    [JsonPropertyName("sha256")] public string Sha256 { get; set; } = "";
    [JsonPropertyName("bytes")] public long Bytes { get; set; }
    /// <summary>ok | failed.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "ok";
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("page_count")] public int PageCount { get; set; }
    [JsonPropertyName("hard_pages")] public int HardPages { get; set; }
    [JsonPropertyName("pending_pages")] public int PendingPages { get; set; }
    [JsonPropertyName("failed_pages")] public int FailedPages { get; set; }
    [JsonPropertyName("markdown")] public string Markdown { get; set; } = "";
    [JsonPropertyName("char_count")] public int CharCount { get; set; }
    [JsonPropertyName("parse_ms")] public double ParseMs { get; set; }
    [JsonPropertyName("processed_at")] public DateTime ProcessedAt { get; set; }
    /// <summary>The path relative to the input folder it was found in (the file name for a file named on its own): stable across machines.</summary>
    [JsonPropertyName("source_relpath")] public string SourceRelPath { get; set; } = "";
    /// <summary>Tokens of the document's Markdown (Tokens:Encoding).</summary>
    [JsonPropertyName("tokens")] public long Tokens { get; set; }
    /// <summary>For status duplicate / near_duplicate: the doc_id of the copy kept (see docs/dedup.md).</summary>
    [JsonPropertyName("duplicate_of")] public string? DuplicateOf { get; set; }
    [JsonPropertyName("pii_emails")] public int PiiEmails { get; set; }
    [JsonPropertyName("pii_ips")] public int PiiIps { get; set; }
    [JsonPropertyName("pii_phones")] public int PiiPhones { get; set; }
    /// <summary>ISO 639-1 code from the web path's identifier (StopwordLanguageIdentifier), "und" when unsure.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("language_confidence")] public double LanguageConfidence { get; set; }
}

/// <summary>One web page: a row of the web_documents table. Signal columns are named after the quality signals (see QualityRules).</summary>
public sealed class WebDocumentRow : IMarkableDocumentRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    /// <summary>ok | failed | duplicate (URL already extracted; no text) after extraction; kept | rewritten | rewrite_pending | dropped | failed after the judge stage.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "ok";
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("fetch_time")] public DateTime? FetchTime { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("language_confidence")] public double LanguageConfidence { get; set; }
    [JsonPropertyName("published")] public DateTime? Published { get; set; }
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("markdown")] public string Markdown { get; set; } = "";
    [JsonPropertyName("char_count")] public int CharCount { get; set; }
    [JsonPropertyName("gopher_words")] public double GopherWords { get; set; }
    [JsonPropertyName("gopher_mean_word_length")] public double GopherMeanWordLength { get; set; }
    [JsonPropertyName("gopher_hash_per_word")] public double GopherHashPerWord { get; set; }
    [JsonPropertyName("gopher_ellipsis_per_word")] public double GopherEllipsisPerWord { get; set; }
    [JsonPropertyName("gopher_bullet_line_ratio")] public double GopherBulletLineRatio { get; set; }
    [JsonPropertyName("gopher_ellipsis_line_ratio")] public double GopherEllipsisLineRatio { get; set; }
    [JsonPropertyName("gopher_alpha_word_ratio")] public double GopherAlphaWordRatio { get; set; }
    [JsonPropertyName("gopher_stop_words")] public double GopherStopWords { get; set; }
    [JsonPropertyName("gopher_dup_line_ratio")] public double GopherDupLineRatio { get; set; }
    [JsonPropertyName("gopher_dup_line_char_ratio")] public double GopherDupLineCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_para_ratio")] public double GopherDupParaRatio { get; set; }
    [JsonPropertyName("gopher_dup_para_char_ratio")] public double GopherDupParaCharRatio { get; set; }
    [JsonPropertyName("gopher_top_2gram_char_ratio")] public double GopherTop2gramCharRatio { get; set; }
    [JsonPropertyName("gopher_top_3gram_char_ratio")] public double GopherTop3gramCharRatio { get; set; }
    [JsonPropertyName("gopher_top_4gram_char_ratio")] public double GopherTop4gramCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_5gram_char_ratio")] public double GopherDup5gramCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_6gram_char_ratio")] public double GopherDup6gramCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_7gram_char_ratio")] public double GopherDup7gramCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_8gram_char_ratio")] public double GopherDup8gramCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_9gram_char_ratio")] public double GopherDup9gramCharRatio { get; set; }
    [JsonPropertyName("gopher_dup_10gram_char_ratio")] public double GopherDup10gramCharRatio { get; set; }
    [JsonPropertyName("c4_lorem_ipsum")] public double C4LoremIpsum { get; set; }
    [JsonPropertyName("c4_curly_bracket")] public double C4CurlyBracket { get; set; }
    [JsonPropertyName("c4_sentences")] public double C4Sentences { get; set; }
    [JsonPropertyName("fineweb_line_punct_ratio")] public double FinewebLinePunctRatio { get; set; }
    [JsonPropertyName("fineweb_short_line_ratio")] public double FinewebShortLineRatio { get; set; }
    [JsonPropertyName("fineweb_dup_line_char_ratio")] public double FinewebDupLineCharRatio { get; set; }
    [JsonPropertyName("fineweb_newline_per_word")] public double FinewebNewlinePerWord { get; set; }
    [JsonPropertyName("c4_removed_line_ratio")] public double C4RemovedLineRatio { get; set; }
    [JsonPropertyName("failed_rules")] public List<string> FailedRules { get; set; } = [];
    /// <summary>The domain judge's decision (keep | rewrite | drop); null until the judge stage runs.</summary>
    [JsonPropertyName("decision")] public string? Decision { get; set; }
    /// <summary>Why the domain got its verdict (the judge's reason); for dropped pages, why they were dropped.</summary>
    [JsonPropertyName("decision_reason")] public string? DecisionReason { get; set; }
    /// <summary>Who judged the domain: a model name, or offline.</summary>
    [JsonPropertyName("judge")] public string? Judge { get; set; }
    /// <summary>The rewritten text for "rewrite" domains; null until the rewrite stage runs.</summary>
    [JsonPropertyName("rewritten_text")] public string? RewrittenText { get; set; }
    [JsonPropertyName("extract_ms")] public double ExtractMs { get; set; }
    [JsonPropertyName("processed_at")] public DateTime ProcessedAt { get; set; }
    /// <summary>Tokens of the text (Tokens:Encoding).</summary>
    [JsonPropertyName("tokens")] public long Tokens { get; set; }
    /// <summary>For status duplicate / near_duplicate found by text: the doc_id of the copy kept (see docs/dedup.md).</summary>
    [JsonPropertyName("duplicate_of")] public string? DuplicateOf { get; set; }
    [JsonPropertyName("pii_emails")] public int PiiEmails { get; set; }
    [JsonPropertyName("pii_ips")] public int PiiIps { get; set; }
    [JsonPropertyName("pii_phones")] public int PiiPhones { get; set; }

    public static WebDocumentRow From(SciCurate.DomainFilter.Web.WebDocument doc, double extractMs)
    {
        var d = doc.Signals;
        return new WebDocumentRow
        {
            DocId = doc.DocId,
            Url = doc.Url,
            Domain = doc.Domain,
            Source = doc.Source,
            Status = doc.Status,
            Error = doc.Error,
            FetchTime = doc.FetchTime?.UtcDateTime,
            Title = doc.Title,
            Language = doc.Language,
            LanguageConfidence = doc.LanguageConfidence,
            Published = doc.Published?.UtcDateTime,
            Text = doc.Text,
            Markdown = doc.Markdown,
            CharCount = doc.Text.Length,
            GopherWords = Signal(d, "gopher_words"),
            GopherMeanWordLength = Signal(d, "gopher_mean_word_length"),
            GopherHashPerWord = Signal(d, "gopher_hash_per_word"),
            GopherEllipsisPerWord = Signal(d, "gopher_ellipsis_per_word"),
            GopherBulletLineRatio = Signal(d, "gopher_bullet_line_ratio"),
            GopherEllipsisLineRatio = Signal(d, "gopher_ellipsis_line_ratio"),
            GopherAlphaWordRatio = Signal(d, "gopher_alpha_word_ratio"),
            GopherStopWords = Signal(d, "gopher_stop_words"),
            GopherDupLineRatio = Signal(d, "gopher_dup_line_ratio"),
            GopherDupLineCharRatio = Signal(d, "gopher_dup_line_char_ratio"),
            GopherDupParaRatio = Signal(d, "gopher_dup_para_ratio"),
            GopherDupParaCharRatio = Signal(d, "gopher_dup_para_char_ratio"),
            GopherTop2gramCharRatio = Signal(d, "gopher_top_2gram_char_ratio"),
            GopherTop3gramCharRatio = Signal(d, "gopher_top_3gram_char_ratio"),
            GopherTop4gramCharRatio = Signal(d, "gopher_top_4gram_char_ratio"),
            GopherDup5gramCharRatio = Signal(d, "gopher_dup_5gram_char_ratio"),
            GopherDup6gramCharRatio = Signal(d, "gopher_dup_6gram_char_ratio"),
            GopherDup7gramCharRatio = Signal(d, "gopher_dup_7gram_char_ratio"),
            GopherDup8gramCharRatio = Signal(d, "gopher_dup_8gram_char_ratio"),
            GopherDup9gramCharRatio = Signal(d, "gopher_dup_9gram_char_ratio"),
            GopherDup10gramCharRatio = Signal(d, "gopher_dup_10gram_char_ratio"),
            C4LoremIpsum = Signal(d, "c4_lorem_ipsum"),
            C4CurlyBracket = Signal(d, "c4_curly_bracket"),
            C4Sentences = Signal(d, "c4_sentences"),
            FinewebLinePunctRatio = Signal(d, "fineweb_line_punct_ratio"),
            FinewebShortLineRatio = Signal(d, "fineweb_short_line_ratio"),
            FinewebDupLineCharRatio = Signal(d, "fineweb_dup_line_char_ratio"),
            FinewebNewlinePerWord = Signal(d, "fineweb_newline_per_word"),
            C4RemovedLineRatio = Signal(d, "c4_removed_line_ratio"),
            FailedRules = [.. doc.FailedRules],
            ExtractMs = extractMs,
            ProcessedAt = DateTime.UtcNow,
        };
    }

    private static double Signal(IReadOnlyDictionary<string, double> signals, string name) => signals.TryGetValue(name, out var v) ? v : 0;
}

/// <summary>One domain's verdict: a row of the domain_decisions table.</summary>
public sealed class DomainDecisionRow
{
    [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    /// <summary>keep | rewrite | drop.</summary>
    [JsonPropertyName("decision")] public string Decision { get; set; } = "";
    /// <summary>Model name, or offline.</summary>
    [JsonPropertyName("judge")] public string Judge { get; set; } = "";
    [JsonPropertyName("judge_version")] public string JudgeVersion { get; set; } = "";
    [JsonPropertyName("pages_seen")] public int PagesSeen { get; set; }
    [JsonPropertyName("sample_size")] public int SampleSize { get; set; }
    [JsonPropertyName("sample_urls")] public List<string> SampleUrls { get; set; } = [];
    [JsonPropertyName("science_score")] public double ScienceScore { get; set; }
    [JsonPropertyName("quality_score")] public double QualityScore { get; set; }
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    /// <summary>True when the verdict came from the decision store (an earlier run) instead of a new judgement.</summary>
    [JsonPropertyName("reused")] public bool Reused { get; set; }
    /// <summary>Chat calls this verdict cost when it was made (0 for the offline judge).</summary>
    [JsonPropertyName("llm_calls")] public int LlmCalls { get; set; }
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; set; }
    [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; set; }
    [JsonPropertyName("judged_at")] public DateTime JudgedAt { get; set; }
}
