using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.Timeout;

namespace SciCurate.Pipeline.Ai;

/// <summary>What went wrong with one attempt, which decides whether it is retried and whether it counts against the endpoint.</summary>
internal enum FaultKind
{
    None,
    Throttled,
    ServerError,
    Timeout,
    Unreadable,
    Connection,

    /// <summary>401/403: the endpoint refused the credentials. Not the page's fault and not worth a retry.</summary>
    Refused,
    Permanent,
}

/// <summary>The endpoint kept failing and the circuit is open: the call was not sent.</summary>
public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string message) : base(message) { }

    public CircuitOpenException() { }

    public CircuitOpenException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A call that failed for good, after its retries; the message says why and how often it was tried.</summary>
public sealed class ChatCallFailedException : Exception
{
    public ChatCallFailedException(string message, Exception inner) : base(message, inner) { }

    public ChatCallFailedException() { }

    public ChatCallFailedException(string message) : base(message) { }
}

/// <summary>Sorts a failed attempt into a <see cref="FaultKind"/> and reads the server's Retry-After.</summary>
internal static class ChatFaults
{
    public static (FaultKind Kind, TimeSpan? RetryAfter) Classify(Exception e, bool attemptTimedOut)
    {
        switch (e)
        {
            case OperationCanceledException when attemptTimedOut:
            case TimeoutException:
            case TimeoutRejectedException:
                return (FaultKind.Timeout, null);
            case CircuitOpenException:
                return (FaultKind.None, null);
            case ClientResultException { Status: 429 } cre:
                return (FaultKind.Throttled, RetryAfter(cre));
            case ClientResultException { Status: 408 }:
                return (FaultKind.Timeout, null);
            case ClientResultException { Status: >= 500 } cre:
                return (FaultKind.ServerError, RetryAfter(cre));
            case ClientResultException { Status: 0 }:
                return (FaultKind.Connection, null);
            case ClientResultException { Status: 401 or 403 }:
                return (FaultKind.Refused, null);
            case ClientResultException:
                return (FaultKind.Permanent, null);
            case HttpRequestException or IOException:
                return (FaultKind.Connection, null);
            case JsonException or FormatException or KeyNotFoundException or InvalidOperationException:
                // The answer arrived but could not be read (malformed JSON, missing fields): a flaky gateway, retry.
                return (FaultKind.Unreadable, null);
            default:
                return e.InnerException is { } inner ? Classify(inner, attemptTimedOut) : (FaultKind.Permanent, null);
        }
    }

    /// <summary>Worth another attempt: throttled, down, timing out, dropped or garbled.</summary>
    public static bool IsTransient(FaultKind kind) => kind is FaultKind.Throttled or FaultKind.ServerError or FaultKind.Timeout
        or FaultKind.Unreadable or FaultKind.Connection;

    private static TimeSpan? RetryAfter(ClientResultException e)
    {
        var response = e.GetRawResponse();
        if (response is null)
        {
            return null;
        }

        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(name, out var msText)
                && double.TryParse(msText, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var text) && text is not null)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    public static string Describe(Exception e, TimeSpan attemptTimeout) => e switch
    {
        ClientResultException cre when cre.Status != 0 => $"HTTP {cre.Status} {(HttpStatusCode)cre.Status}: {FirstLine(cre.Message)}",
        TimeoutRejectedException or TimeoutException or OperationCanceledException =>
            string.Create(CultureInfo.InvariantCulture, $"time-out: no answer within {attemptTimeout.TotalSeconds:0.###} s"),
        _ => $"{e.GetType().Name}: {FirstLine(e.Message)}",
    };

    private static string FirstLine(string message)
    {
        var line = message.AsSpan();
        var end = line.IndexOfAny('\r', '\n');
        if (end >= 0)
        {
            line = line[..end];
        }

        return line.Length > 300 ? string.Concat(line[..300], "…") : line.ToString();
    }
}
