using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// Compiled into each library (linked from src/Shared): the libraries share no assembly, and each must bind and
// validate its own options the same way without referencing a host.
namespace SciCurate.Configuration;

/// <summary>Binds an options class to one configuration section and checks it when the host starts.</summary>
internal static class SectionOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> (named <paramref name="name"/>, default unnamed) to <paramref name="section"/>,
    /// validated at start-up by <paramref name="rules"/> (which name the bad key as Section:Key) and by a check that
    /// refuses keys the class does not have, naming the closest valid one.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSectionOptions<TOptions>(this IServiceCollection services, IConfiguration configuration,
        string section, Func<TOptions, string, IEnumerable<string>>? rules = null, string? name = null, SectionKeys keys = SectionKeys.Owned)
        where TOptions : class
    {
        name ??= Options.DefaultName;
        var config = configuration.GetSection(section);
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(name, section, keys == SectionKeys.Owned ? config : null, rules));
        return services.AddOptions<TOptions>(name).Bind(config).ValidateOnStart();
    }
}

/// <summary>Whether the bound class owns its section's keys (unknown ones are refused) or shares the section with an owner that checks them.</summary>
internal enum SectionKeys
{
    Owned,
    Shared,
}

/// <summary>Validates one bound section: unknown keys first (a typo silently keeps a default), then the class's own rules.</summary>
internal sealed class SectionValidator<TOptions>(string name, string section, IConfigurationSection? config,
    Func<TOptions, string, IEnumerable<string>>? rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = config is null ? [] : UnknownKeys.Find(config, section, typeof(TOptions)).ToList();
        if (rules is not null)
        {
            errors.AddRange(rules(options, section));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Configuration keys that no property of the bound class takes.</summary>
internal static class UnknownKeys
{
    /// <summary><paramref name="types"/>: every class bound to this section (the first one owns it).</summary>
    public static IEnumerable<string> Find(IConfiguration config, string path, params Type[] types)
    {
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            foreach (var (key, property) in Settable(type))
            {
                properties.TryAdd(key, property);
            }
        }

        foreach (var child in config.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                var closest = Closest(child.Key, properties.Keys);
                yield return closest is null
                    ? $"{path}:{child.Key} is not a setting"
                    : $"{path}:{child.Key} is not a setting; did you mean {path}:{closest}?";
                continue;
            }

            if (IsNested(property.PropertyType))
            {
                foreach (var error in Find(child, $"{path}:{child.Key}", property.PropertyType))
                {
                    yield return error;
                }
            }
        }
    }

    /// <summary>The closest name by edit distance, when it is close enough to be a likely typo.</summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static Dictionary<string, PropertyInfo> Settable(Type type)
    {
        var result = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // The binder sets writable properties, and fills read-only collections and objects in place.
            if (p.GetIndexParameters().Length == 0 && (p.SetMethod is { IsPublic: true } || !IsScalar(p.PropertyType)))
            {
                result[p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name] = p;
            }
        }

        return result;
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);
    }

    /// <summary>An options object whose keys are checked too; collections and dictionaries take any key.</summary>
    private static bool IsNested(Type type) => !IsScalar(type) && !typeof(IEnumerable).IsAssignableFrom(type) && type.IsClass;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitute);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
