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
