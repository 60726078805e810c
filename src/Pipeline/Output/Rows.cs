using System.Text.Json.Serialization;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Web;
using SciCurate.DomainFilter.Web.Quality;
using SciCurate.Pipeline.Pdf;

namespace SciCurate.Pipeline.Output;

/// <summary>One page of a PDF: a row of the pdf_pages table.</summary>
public sealed class PdfPageRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("page_no")] public int PageNo { get; set; }
    [JsonPropertyName("route")] public string RouteWire { get => Route.ToWire(); set => Route = StatusWire.ParsePageRoute(value); }
    [JsonIgnore] public PageRoute Route { get; set; } = PageRoute.Cheap;
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
    [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParsePdfDocumentStatus(value); }
    [JsonIgnore] public PdfDocumentStatus Status { get; set; } = PdfDocumentStatus.Ok;
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

    void IMarkableDocumentRow.MarkDuplicate(DuplicateMark mark, string keptId, string reason)
    {
        Status = mark.ToPdfStatus();
        DuplicateOf = keptId;
        Error = reason;
    }
}

/// <summary>One web page: a row of the web_documents table. Signal columns are named after the quality signals (see QualityRules).</summary>
public sealed class WebDocumentRow : IMarkableDocumentRow
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    [JsonPropertyName("source")] public string Source { get; set; } = "";
    [JsonPropertyName("status")] public string StatusWire { get => Status.ToWire(); set => Status = Output.StatusWire.ParseWebPageStatus(value); }
    [JsonIgnore] public WebPageStatus Status { get; set; } = WebPageStatus.Ok;
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
    [JsonPropertyName("decision")] public string? DecisionWire { get => Decision.ToWire(); set => Decision = Output.StatusWire.ParseDecision(value); }
    /// <summary>The domain judge's decision; null until the judge stage runs.</summary>
    [JsonIgnore] public DomainDecision? Decision { get; set; }
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

    void IMarkableDocumentRow.MarkDuplicate(DuplicateMark mark, string keptId, string reason)
    {
        Status = mark.ToWebStatus();
        DuplicateOf = keptId;
        Error = reason;
    }

    /// <summary>The row of an extracted page. Quality signals map to their columns here and in <see cref="Signals"/>, nowhere else.</summary>
    public static WebDocumentRow From(WebDocument doc, double extractMs)
    {
        var d = doc.Signals ?? new QualitySignals();
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
            GopherWords = d.GopherWords,
            GopherMeanWordLength = d.GopherMeanWordLength,
            GopherHashPerWord = d.GopherHashPerWord,
            GopherEllipsisPerWord = d.GopherEllipsisPerWord,
            GopherBulletLineRatio = d.GopherBulletLineRatio,
            GopherEllipsisLineRatio = d.GopherEllipsisLineRatio,
            GopherAlphaWordRatio = d.GopherAlphaWordRatio,
            GopherStopWords = d.GopherStopWords,
            GopherDupLineRatio = d.GopherDupLineRatio,
            GopherDupLineCharRatio = d.GopherDupLineCharRatio,
            GopherDupParaRatio = d.GopherDupParaRatio,
            GopherDupParaCharRatio = d.GopherDupParaCharRatio,
            GopherTop2gramCharRatio = d.GopherTop2gramCharRatio,
            GopherTop3gramCharRatio = d.GopherTop3gramCharRatio,
            GopherTop4gramCharRatio = d.GopherTop4gramCharRatio,
            GopherDup5gramCharRatio = d.GopherDup5gramCharRatio,
            GopherDup6gramCharRatio = d.GopherDup6gramCharRatio,
            GopherDup7gramCharRatio = d.GopherDup7gramCharRatio,
            GopherDup8gramCharRatio = d.GopherDup8gramCharRatio,
            GopherDup9gramCharRatio = d.GopherDup9gramCharRatio,
            GopherDup10gramCharRatio = d.GopherDup10gramCharRatio,
            C4LoremIpsum = d.C4LoremIpsum,
            C4CurlyBracket = d.C4CurlyBracket,
            C4Sentences = d.C4Sentences,
            FinewebLinePunctRatio = d.FinewebLinePunctRatio,
            FinewebShortLineRatio = d.FinewebShortLineRatio,
            FinewebDupLineCharRatio = d.FinewebDupLineCharRatio,
            FinewebNewlinePerWord = d.FinewebNewlinePerWord,
            C4RemovedLineRatio = d.C4RemovedLineRatio,
            FailedRules = [.. doc.FailedRules],
            ExtractMs = extractMs,
            ProcessedAt = DateTime.UtcNow,
        };
    }

    /// <summary>The row's quality signals, read back from their columns.</summary>
    [JsonIgnore]
    public QualitySignals Signals => new()
    {
        CharCount = CharCount,
        GopherWords = GopherWords,
        GopherMeanWordLength = GopherMeanWordLength,
        GopherHashPerWord = GopherHashPerWord,
        GopherEllipsisPerWord = GopherEllipsisPerWord,
        GopherBulletLineRatio = GopherBulletLineRatio,
        GopherEllipsisLineRatio = GopherEllipsisLineRatio,
        GopherAlphaWordRatio = GopherAlphaWordRatio,
        GopherStopWords = GopherStopWords,
        GopherDupLineRatio = GopherDupLineRatio,
        GopherDupLineCharRatio = GopherDupLineCharRatio,
        GopherDupParaRatio = GopherDupParaRatio,
        GopherDupParaCharRatio = GopherDupParaCharRatio,
        GopherTop2gramCharRatio = GopherTop2gramCharRatio,
        GopherTop3gramCharRatio = GopherTop3gramCharRatio,
        GopherTop4gramCharRatio = GopherTop4gramCharRatio,
        GopherDup5gramCharRatio = GopherDup5gramCharRatio,
        GopherDup6gramCharRatio = GopherDup6gramCharRatio,
        GopherDup7gramCharRatio = GopherDup7gramCharRatio,
        GopherDup8gramCharRatio = GopherDup8gramCharRatio,
        GopherDup9gramCharRatio = GopherDup9gramCharRatio,
        GopherDup10gramCharRatio = GopherDup10gramCharRatio,
        C4LoremIpsum = C4LoremIpsum,
        C4CurlyBracket = C4CurlyBracket,
        C4Sentences = C4Sentences,
        FinewebLinePunctRatio = FinewebLinePunctRatio,
        FinewebShortLineRatio = FinewebShortLineRatio,
        FinewebDupLineCharRatio = FinewebDupLineCharRatio,
        FinewebNewlinePerWord = FinewebNewlinePerWord,
        C4RemovedLineRatio = C4RemovedLineRatio,
    };

}

/// <summary>One domain's verdict: a row of the domain_decisions table.</summary>
public sealed class DomainDecisionRow
{
    [JsonPropertyName("domain")] public string Domain { get; set; } = "";
    [JsonPropertyName("decision")] public string DecisionWire { get => Decision.ToWire(); set => Decision = DomainDecisions.Parse(value); }
    [JsonIgnore] public DomainDecision Decision { get; set; }
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
