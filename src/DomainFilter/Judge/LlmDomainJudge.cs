using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Judge;

/// <summary>Options of <see cref="LlmDomainJudge"/> (config section "Judge").</summary>
public sealed class LlmDomainJudgeOptions
{
    /// <summary>The model's name, written to the <c>judge</c> column and part of the judge version.</summary>
    public string Model { get; set; } = "";

    /// <summary>Answers asked for in one domain's conversation before it falls back to the offline judge.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Characters of each sampled page shown to the model.</summary>
    public int PageChars { get; set; } = 1500;

    /// <summary>Upper bound on the answer's tokens (the verdict is a short JSON object).</summary>
    [ConfigurationKeyName("VerdictMaxOutputTokens")]
    public int MaxOutputTokens { get; set; } = 400;

    /// <summary>Bound from the judge's section (Judge:MaxAttempts, Judge:PageChars, Judge:VerdictMaxOutputTokens).</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (MaxAttempts < 1)
        {
            yield return $"{section}:MaxAttempts must be at least 1";
        }

        if (PageChars < 100)
        {
            yield return $"{section}:PageChars must be at least 100";
        }

        if (MaxOutputTokens < 50)
        {
            yield return $"{section}:VerdictMaxOutputTokens must be at least 50";
        }
    }
}

/// <summary>
/// Judges a domain with an LLM in one conversation: the system prompt states the task, one user message shows the
/// domain's profile and its sampled pages (trimmed, with their quality signals), and the model answers a JSON object
/// {decision, science_score, quality_score, reason} under a JSON schema. An answer that is not valid JSON or breaks
/// the schema is sent back in the same conversation with the error, up to <see cref="LlmDomainJudgeOptions.MaxAttempts"/>
/// answers; then, or when the endpoint fails for good (HTTP 429 or time-outs beyond the resilience middleware's
/// retries), the domain is judged by the offline judge, labelled <c>offline</c>, with the LLM's failure in the reason.
/// </summary>
public sealed class LlmDomainJudge : IDomainJudge
{
    /// <summary>Bump when the prompt or the schema change: stored verdicts of older versions are not reused.</summary>
    public const string PromptVersion = "llm-v1";

    internal const string SystemPrompt = """
        You judge web sites for a corpus of scientific text used to pretrain language models.
        You are shown a sample of pages from one registered domain, with quality signals computed from each page.
        The verdict applies to every page of the domain:
        - "keep": the site is about science, mathematics, medicine, engineering or another technical field, and its
          extracted text is clean enough to train on as it is.
        - "rewrite": the site is scientifically valuable but its text is noisy (navigation, broken formatting, lists
          of fragments), so each page should be rewritten into clean prose keeping all facts, formulas and numbers.
        - "drop": the site is off-topic (news, shopping, entertainment, spam, adult content) or has no usable text.
        science_score is the science relevance of the site from 0 to 1; quality_score is the quality of its text
        from 0 to 1. reason is one or two sentences naming what you saw.
        Answer with a single JSON object and nothing else:
        {"decision": "keep" | "rewrite" | "drop", "science_score": number, "quality_score": number, "reason": string}
        """;

    internal static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "decision": { "type": "string", "enum": ["keep", "rewrite", "drop"] },
            "science_score": { "type": "number", "minimum": 0, "maximum": 1 },
            "quality_score": { "type": "number", "minimum": 0, "maximum": 1 },
            "reason": { "type": "string" }
          },
          "required": ["decision", "science_score", "quality_score", "reason"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    private readonly IChatClient _client;
    private readonly LlmDomainJudgeOptions _options;
    private readonly OfflineDomainJudge _fallback;
    private readonly ILogger _logger;

    public LlmDomainJudge(IChatClient client, LlmDomainJudgeOptions options, OfflineDomainJudge fallback, ILogger<LlmDomainJudge>? logger = null)
    {
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("the LLM judge needs a model name", nameof(options));
        }

        _client = client;
        _options = options;
        _fallback = fallback;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public string Name => _options.Model;

    public string Version => $"{PromptVersion}:{_options.Model}";

    public async Task<DomainVerdict> JudgeAsync(DomainSample sample, CancellationToken ct)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt),
            new(ChatRole.User, DescribeDomain(sample, _options.PageChars)),
        };
        var chatOptions = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = _options.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "domain_verdict", "Verdict on one web domain"),
        };

        var calls = 0;
        long prompt = 0, completion = 0;
        string failure;
        var attempt = 0;
        while (true)
        {
            attempt++;
            ChatResponse response;
            try
            {
                calls++;
                response = await _client.GetResponseAsync(messages, chatOptions, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failure = $"LLM call failed: {e.GetType().Name}: {Shorten(e.Message, 200)}";
                break;
            }

            prompt += response.Usage?.InputTokenCount ?? 0;
            completion += response.Usage?.OutputTokenCount ?? 0;
            var text = response.Text ?? "";
            if (TryParseVerdict(text, out var parsed, out var error))
            {
                return new DomainVerdict
                {
                    Domain = sample.Domain,
                    Decision = parsed.Decision,
                    Judge = _options.Model,
                    JudgeVersion = Version,
                    ScienceScore = parsed.Science,
                    QualityScore = parsed.Quality,
                    Reason = parsed.Reason,
                    PagesSeen = sample.Profile.PagesSeen,
                    SampleUrls = sample.Pages.Select(p => p.Url).ToArray(),
                    Calls = calls,
                    PromptTokens = prompt,
                    CompletionTokens = completion,
                };
            }

            _logger.LogDebug("judge answer for {Domain} invalid (attempt {Attempt}): {Error}", sample.Domain, attempt, error);
            if (attempt >= _options.MaxAttempts)
            {
                failure = $"LLM answer invalid after {attempt} attempts: {error}";
                break;
            }

            // Same conversation: the model sees its answer and what was wrong with it.
            messages.AddRange(response.Messages);
            messages.Add(new ChatMessage(ChatRole.User,
                $"That answer is not valid ({error}). Reply with only the JSON object: decision (keep, rewrite or drop), science_score and quality_score (numbers from 0 to 1), reason (a string)."));
        }

        _logger.LogWarning("domain {Domain}: {Failure}; offline judge used", sample.Domain, failure);
        var offline = _fallback.Judge(sample);
        return offline with
        {
            Reason = $"{Shorten(failure, 300)} (model {_options.Model}); fallback {offline.Reason}",
            Calls = calls,
            PromptTokens = prompt,
            CompletionTokens = completion,
        };
    }

    /// <summary>The user message: the domain's profile, then each sampled page trimmed, with its signals.</summary>
    internal static string DescribeDomain(DomainSample sample, int pageChars)
    {
        var p = sample.Profile;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Domain: {sample.Domain}\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"Pages of this domain in the crawl: {p.PagesSeen}; share passing all quality rules: {p.CleanShare:F2}; mean page quality: {p.MeanQuality:F2}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Sampled pages: {sample.Pages.Count}\n");
        var i = 0;
        foreach (var page in sample.Pages)
        {
            i++;
            sb.Append(CultureInfo.InvariantCulture, $"\n--- Page {i}: {page.Url}\n");
            if (!string.IsNullOrWhiteSpace(page.Title))
            {
                sb.Append(CultureInfo.InvariantCulture, $"Title: {Shorten(page.Title, 200)}\n");
            }

            if (!string.IsNullOrEmpty(page.Language))
            {
                sb.Append(CultureInfo.InvariantCulture, $"Language: {page.Language} ({page.LanguageConfidence:F2})\n");
            }

            sb.Append("Failed quality rules: ").Append(page.FailedRules.Count == 0 ? "none" : string.Join(", ", page.FailedRules)).Append('\n');
            if (page.Signals is { } signals)
            {
                sb.Append("Signals: ");
                sb.AppendJoin(", ", signals.ForJudge().Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}={s.Value:0.###}")));
                sb.Append('\n');
            }

            var text = string.IsNullOrEmpty(page.Text) ? page.Markdown : page.Text;
            sb.Append(CultureInfo.InvariantCulture, $"Text ({text.Length} characters, first {Math.Min(text.Length, pageChars)} shown):\n");
            sb.Append(Trim(text, pageChars)).Append('\n');
        }

        return sb.ToString();
    }

    internal readonly record struct ParsedVerdict(DomainDecision Decision, double Science, double Quality, string Reason);

    /// <summary>Reads the answer: a JSON object (code fences and text around it tolerated) that obeys the schema.</summary>
    internal static bool TryParseVerdict(string text, out ParsedVerdict verdict, out string error)
    {
        verdict = default;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            error = "no JSON object in the answer";
            return false;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text.AsMemory(start, end - start + 1));
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {Shorten(e.Message, 120)}";
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty("decision", out var d) || d.ValueKind != JsonValueKind.String
                || !DomainDecisions.TryParse(d.GetString(), out var decision))
            {
                error = "decision must be \"keep\", \"rewrite\" or \"drop\"";
                return false;
            }

            if (!TryScore(root, "science_score", out var science) || !TryScore(root, "quality_score", out var quality))
            {
                error = "science_score and quality_score must be numbers from 0 to 1";
                return false;
            }

            if (!root.TryGetProperty("reason", out var r) || r.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(r.GetString()))
            {
                error = "reason must be a non-empty string";
                return false;
            }

            verdict = new ParsedVerdict(decision, science, quality, Shorten(r.GetString()!.Trim(), 1000));
            error = "";
            return true;
        }
    }

    private static bool TryScore(JsonElement root, string name, out double value)
    {
        value = 0;
        return root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value)
            && value is >= 0 and <= 1;
    }

    internal static string Trim(string text, int chars)
    {
        if (text.Length <= chars)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', chars);
        return string.Concat(text.AsSpan(0, cut > chars / 2 ? cut : chars), " …");
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
