using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SciCurate.Parsers.Vlm;

/// <summary>A rendered page to read, with its cheap text as an optional hint.</summary>
public sealed record VlmPageInput(byte[] Image, string MediaType, string? CheapText = null);

/// <summary>
/// What the model made of a page. <see cref="Markdown"/> is null when the page failed (<see cref="Error"/> says why).
/// Tokens are summed over every answer asked for, rejected ones included: they were paid for.
/// </summary>
public sealed record VlmPageOutput(string? Markdown, string? Model, long PromptTokens, long CompletionTokens, int Attempts,
    double ElapsedMs, string? Error)
{
    public bool Ok => Error is null && Markdown is not null;

    /// <summary>The call failed because of the endpoint (throttled, down), not the page: the page stays pending.</summary>
    public bool EndpointFault { get; init; }
}

/// <summary>
/// Reads a page image with a vision-language model behind <see cref="IChatClient"/>: asks for Markdown with LaTeX math
/// and Markdown tables using the versioned prompt <see cref="PromptVersion"/>, validates the answer (empty, truncated
/// at the token limit, refused: asked again, then marked) and strips what models add around it. Transport faults
/// (429, 5xx, time-outs) are the client middleware's business; an exception from the client ends the page as failed.
/// </summary>
public sealed partial class VlmPageParser(IChatClient client, VlmPageParserOptions options)
{
    /// <summary>Identifies the prompt text; part of the answer-cache key, so a new prompt never reuses old answers.</summary>
    public const string PromptVersion = "page-markdown-v1";

    /// <summary>The model's answer for a page without text.</summary>
    public const string BlankMarker = "[[BLANK]]";

    private static readonly Lazy<string> PromptText = new(() => LoadPrompt(PromptVersion));

    /// <summary>Recorded as pdf_pages.parser for pages this parser read.</summary>
    public const string ParserName = "vlm";

    public static string Prompt => PromptText.Value;

    public async Task<VlmPageOutput> ParseAsync(VlmPageInput page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clock = Stopwatch.StartNew();
        var messages = BuildMessages(page);
        var chatOptions = new ChatOptions
        {
            MaxOutputTokens = options.MaxOutputTokens,
            Temperature = options.Temperature,
        };
        long promptTokens = 0, completionTokens = 0;
        string? model = null;
        string problem = "no answer";
        for (var attempt = 1; attempt <= options.MaxAnswerAttempts; attempt++)
        {
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(messages, chatOptions, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // The client middleware marks endpoint faults under this key (ResilientChatClient.EndpointFaultKey).
                return new VlmPageOutput(null, model, promptTokens, completionTokens, attempt, clock.Elapsed.TotalMilliseconds,
                    "vlm call failed: " + e.Message) { EndpointFault = e.Data.Contains("SciCurate.EndpointFault") };
            }

            promptTokens += response.Usage?.InputTokenCount ?? 0;
            completionTokens += response.Usage?.OutputTokenCount ?? 0;
            model = response.ModelId ?? model;
            var verdict = Check(response);
            if (verdict.Markdown is not null)
            {
                return new VlmPageOutput(verdict.Markdown, model, promptTokens, completionTokens, attempt, clock.Elapsed.TotalMilliseconds, null);
            }

            problem = verdict.Problem!;
        }

        return new VlmPageOutput(null, model, promptTokens, completionTokens, options.MaxAnswerAttempts, clock.Elapsed.TotalMilliseconds,
            $"vlm answer rejected after {options.MaxAnswerAttempts} attempt(s): {problem}");
    }

    internal List<ChatMessage> BuildMessages(VlmPageInput page)
    {
        var parts = new List<AIContent> { new TextContent(Prompt) };
        var hint = options.TextHint ? page.CheapText?.Trim() : null;
        if (!string.IsNullOrEmpty(hint))
        {
            if (hint.Length > options.MaxHintChars)
            {
                hint = hint[..options.MaxHintChars];
            }

            parts.Add(new TextContent(
                "The page's embedded text layer, extracted by a PDF parser, follows as a hint. It may be garbled, out of order " +
                "or lack the mathematics; where it disagrees with the image, the image is right.\n<text_layer>\n" + hint + "\n</text_layer>"));
        }

        parts.Add(new DataContent(page.Image, page.MediaType));
        return [new ChatMessage(ChatRole.User, parts)];
    }

    private static (string? Markdown, string? Problem) Check(ChatResponse response)
    {
        var refusal = response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>().FirstOrDefault();
        if (refusal is not null)
        {
            return (null, "refusal: " + Short(refusal.Message));
        }

        if (response.FinishReason == ChatFinishReason.ContentFilter)
        {
            return (null, "refusal: content filter");
        }

        if (response.FinishReason == ChatFinishReason.Length)
        {
            return (null, "truncated (finish reason length)");
        }

        var text = Clean(response.Text);
        if (text == BlankMarker)
        {
            return ("", null);
        }

        if (text.Length == 0)
        {
            return (null, "empty answer");
        }

        if (text.Length < 400 && RefusalText().IsMatch(text))
        {
            return (null, "refusal: " + Short(text));
        }

        return (text, null);
    }

    /// <summary>Removes a code fence wrapped around the whole answer and surrounding blank lines.</summary>
    internal static string Clean(string? text)
    {
        text = (text ?? "").Trim();
        var fence = WholeFence().Match(text);
        if (fence.Success)
        {
            text = fence.Groups["body"].Value.Trim();
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Short(string? s)
    {
        s = (s ?? "").ReplaceLineEndings(" ").Trim();
        return s.Length > 160 ? s[..160] + "…" : s;
    }

    private static string LoadPrompt(string version)
    {
        var name = $"SciCurate.Parsers.Vlm.Prompts.{version}.md";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"prompt resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    }

    [GeneratedRegex(@"^```[a-zA-Z]*[ \t]*\r?\n(?<body>[\s\S]*?)\r?\n?```$")]
    private static partial Regex WholeFence();

    [GeneratedRegex(@"^(I'?m sorry|I am sorry|Sorry,|I can(no|')t|I cannot|I am (not able|unable)|I'm (not able|unable)|As an AI)", RegexOptions.IgnoreCase)]
    private static partial Regex RefusalText();
}
