using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using SciCurate.DomainFilter.Judge;

namespace SciCurate.Pipeline.Web;

/// <summary>
/// Domain verdicts in SQLite (the default): one file, keyed by domain and judge version. Point Judge:SqlitePath at
/// one shared file to reuse verdicts across crawls and output folders.
/// </summary>
public sealed class SqliteDomainDecisionStore : IDomainDecisionStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteConnection Connection => _connection;

    private SqliteDomainDecisionStore(SqliteConnection connection)
    {
        _connection = connection;
    }

    public string Path { get; private init; } = "";

    public static async Task<SqliteDomainDecisionStore> OpenAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA busy_timeout = 30000;
                CREATE TABLE IF NOT EXISTS domain_decisions (
                    domain TEXT NOT NULL,
                    judge_version TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    judge TEXT NOT NULL,
                    science_score REAL NOT NULL,
                    quality_score REAL NOT NULL,
                    reason TEXT NOT NULL,
                    pages_seen INTEGER NOT NULL,
                    sample_urls TEXT NOT NULL,
                    llm_calls INTEGER NOT NULL,
                    prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL,
                    judged_at TEXT NOT NULL,
                    PRIMARY KEY (domain, judge_version));
                """;
            await command.ExecuteNonQueryAsync(ct);
        }

        return new SqliteDomainDecisionStore(connection) { Path = path };
    }

    public async Task<DomainVerdict?> GetAsync(string domain, string judgeVersion, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = $"SELECT {DecisionSql.Columns} FROM domain_decisions WHERE domain = $d AND judge_version = $v";
            command.Parameters.AddWithValue("$d", domain);
            command.Parameters.AddWithValue("$v", judgeVersion);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? DecisionSql.Read(reader) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task PutAsync(DomainVerdict verdict, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var command = Connection.CreateCommand();
            command.CommandText = DecisionSql.Upsert;
            DecisionSql.Bind(verdict, (name, value) => command.Parameters.AddWithValue("@" + name, value));
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}

/// <summary>
/// Domain verdicts in PostgreSQL (schema <c>scicurate</c>), for when several machines share work: the same
/// database as the Hangfire queue when Serve:Storage is postgres.
/// </summary>
public sealed class PostgresDomainDecisionStore : IDomainDecisionStore
{
    private readonly NpgsqlDataSource _source;

    private PostgresDomainDecisionStore(NpgsqlDataSource source)
    {
        _source = source;
    }

    public static async Task<PostgresDomainDecisionStore> OpenAsync(string connectionString, CancellationToken ct)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var command = source.CreateCommand("""
                CREATE SCHEMA IF NOT EXISTS scicurate;
                CREATE TABLE IF NOT EXISTS scicurate.domain_decisions (
                    domain TEXT NOT NULL,
                    judge_version TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    judge TEXT NOT NULL,
                    science_score DOUBLE PRECISION NOT NULL,
                    quality_score DOUBLE PRECISION NOT NULL,
                    reason TEXT NOT NULL,
                    pages_seen INTEGER NOT NULL,
                    sample_urls TEXT NOT NULL,
                    llm_calls INTEGER NOT NULL,
                    prompt_tokens BIGINT NOT NULL,
                    completion_tokens BIGINT NOT NULL,
                    judged_at TEXT NOT NULL,
                    PRIMARY KEY (domain, judge_version));
                """);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }

        return new PostgresDomainDecisionStore(source);
    }

    public async Task<DomainVerdict?> GetAsync(string domain, string judgeVersion, CancellationToken ct)
    {
        await using var command = _source.CreateCommand(
            $"SELECT {DecisionSql.Columns} FROM scicurate.domain_decisions WHERE domain = @d AND judge_version = @v");
        command.Parameters.AddWithValue("d", domain);
        command.Parameters.AddWithValue("v", judgeVersion);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? DecisionSql.Read(reader) : null;
    }

    public async Task PutAsync(DomainVerdict verdict, CancellationToken ct)
    {
        await using var command = _source.CreateCommand(DecisionSql.Upsert.Replace("domain_decisions", "scicurate.domain_decisions", StringComparison.Ordinal));
        DecisionSql.Bind(verdict, (name, value) => command.Parameters.AddWithValue(name, value));
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}

/// <summary>The SQL both stores share (the dialects agree on upsert).</summary>
internal static class DecisionSql
{
    public const string Columns =
        "domain, judge_version, decision, judge, science_score, quality_score, reason, pages_seen, sample_urls, llm_calls, prompt_tokens, completion_tokens, judged_at";

    public const string Upsert = """
        INSERT INTO domain_decisions (domain, judge_version, decision, judge, science_score, quality_score, reason,
            pages_seen, sample_urls, llm_calls, prompt_tokens, completion_tokens, judged_at)
        VALUES (@domain, @judge_version, @decision, @judge, @science_score, @quality_score, @reason,
            @pages_seen, @sample_urls, @llm_calls, @prompt_tokens, @completion_tokens, @judged_at)
        ON CONFLICT (domain, judge_version) DO UPDATE SET
            decision = excluded.decision, judge = excluded.judge, science_score = excluded.science_score,
            quality_score = excluded.quality_score, reason = excluded.reason, pages_seen = excluded.pages_seen,
            sample_urls = excluded.sample_urls, llm_calls = excluded.llm_calls, prompt_tokens = excluded.prompt_tokens,
            completion_tokens = excluded.completion_tokens, judged_at = excluded.judged_at
        """;

    public static void Bind(DomainVerdict v, Action<string, object> add)
    {
        add("domain", v.Domain);
        add("judge_version", v.JudgeVersion);
        add("decision", v.Decision.ToWire());
        add("judge", v.Judge);
        add("science_score", v.ScienceScore);
        add("quality_score", v.QualityScore);
        add("reason", v.Reason);
        add("pages_seen", v.PagesSeen);
        add("sample_urls", JsonSerializer.Serialize(v.SampleUrls));
        add("llm_calls", v.Calls);
        add("prompt_tokens", v.PromptTokens);
        add("completion_tokens", v.CompletionTokens);
        add("judged_at", v.JudgedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }

    public static DomainVerdict Read(DbDataReader r) => new()
    {
        Domain = r.GetString(0),
        JudgeVersion = r.GetString(1),
        Decision = DomainDecisions.Parse(r.GetString(2)),
        Judge = r.GetString(3),
        ScienceScore = r.GetDouble(4),
        QualityScore = r.GetDouble(5),
        Reason = r.GetString(6),
        PagesSeen = r.GetInt32(7),
        SampleUrls = JsonSerializer.Deserialize<string[]>(r.GetString(8)) ?? [],
        Calls = r.GetInt32(9),
        PromptTokens = r.GetInt64(10),
        CompletionTokens = r.GetInt64(11),
        JudgedAt = DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
    };
}
