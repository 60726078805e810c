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
}

/// <summary>One PDF file: a row of the pdf_documents table.</summary>
public sealed class PdfDocumentRow
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
}

/// <summary>One web page: a row of the web_documents table (intake and extraction fill the first part, the domain judge the rest).</summary>
public sealed class WebDocumentRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    /// <summary>Registered domain (eTLD+1) of the URL's host.</summary>
    [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    /// <summary>ok | failed after extraction; kept | rewritten | rewrite_pending | dropped | failed after the judge.</summary>
    [JsonPropertyName("status")] public string Status { get; set; } = "ok";
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("fetch_time")] public DateTime? FetchTime { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("language_confidence")] public double LanguageConfidence { get; set; }
    [JsonPropertyName("published")] public DateTime? Published { get; set; }
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("markdown")] public string Markdown { get; set; } = "";
    [JsonPropertyName("signals")] public Dictionary<string, double> Signals { get; set; } = [];
    [JsonPropertyName("failed_rules")] public List<string> FailedRules { get; set; } = [];
    /// <summary>The domain's verdict: keep | rewrite | drop (null before judging and for failed extractions).</summary>
    [JsonPropertyName("decision")] public string? Decision { get; set; }
    /// <summary>Why the domain got its verdict (the judge's reason).</summary>
    [JsonPropertyName("decision_reason")] public string? DecisionReason { get; set; }
    /// <summary>Who judged the domain: a model name or offline.</summary>
    [JsonPropertyName("judge")] public string? Judge { get; set; }
    /// <summary>The LLM's clean rewrite, for pages of rewrite domains.</summary>
    [JsonPropertyName("rewritten_text")] public string? RewrittenText { get; set; }
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
