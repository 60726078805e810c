using System.CommandLine;
using System.CommandLine.Parsing;
using SciCurate.Configuration;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Cli;

/// <summary>
/// A command whose argument takes any path swallows a mistyped option as an input (`curate run samples --workers 4`
/// read "--workers" and "4" as files). Such a token names no file: it is reported as an unknown option with what the
/// user likely meant, a setting of that name or the closest option of the command.
/// </summary>
public static class UnknownOptions
{
    /// <summary>One line for the first unknown option, or null when there is none.</summary>
    public static string? Describe(ParseResult parse)
    {
        var tokens = parse.Tokens;
        // Tokens taken as positional arguments (option values are not), and those nothing took.
        var positional = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value)
            .Concat(parse.UnmatchedTokens).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var value = tokens[i].Value;
            if (!positional.Contains(value) || value.Length < 2 || value[0] != '-' || value.TrimStart('-') is not [var first, ..] || !char.IsLetter(first)
                || File.Exists(value) || Directory.Exists(value))
            {
                continue;
            }

            var command = parse.CommandResult.Command;
            var name = value.Split('=', 2)[0];
            var given = value.Contains('=', StringComparison.Ordinal) ? value.Split('=', 2)[1]
                : i + 1 < tokens.Count && tokens[i + 1].Type == TokenType.Argument && !tokens[i + 1].Value.StartsWith('-') ? tokens[i + 1].Value : "…";
            var prefix = $"curate {command.Name}: unknown option {name}";
            var settings = CurateServices.SettingsNamed(name.TrimStart('-')).Take(3).ToList();
            if (settings.Count > 0)
            {
                var env = string.Join(" or ", settings.Select(s => $"{CurateConfig.EnvironmentPrefix}{s.Replace(":", "__", StringComparison.Ordinal)}={given}"));
                return $"{prefix}; it is a setting: {env} before the command, or {string.Join(" / ", settings)} in the config file";
            }

            var options = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive))
                .SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
            return UnknownKeys.Closest(name, options) is { } closest
                ? $"{prefix}; did you mean {closest}?"
                : $"{prefix}; see curate {command.Name} --help";
        }

        return null;
    }
}
