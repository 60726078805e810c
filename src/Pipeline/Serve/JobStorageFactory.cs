using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Serve;

/// <summary>Opens the Hangfire job storage `curate serve` and `curate enqueue` share: SQLite in DataDir, or PostgreSQL.</summary>
public static class JobStorageFactory
{
    public static JobStorage Create(CurateConfig config)
    {
        var serve = config.Serve;
        if (serve.Storage == "postgres")
        {
            if (string.IsNullOrWhiteSpace(serve.PostgresConnection))
            {
                throw new ConfigException("Serve:Storage is postgres but no connection string is set: export CURATE__Serve__PostgresConnection");
            }

            var options = new PostgreSqlStorageOptions
            {
                SchemaName = serve.PostgresSchema,
                PrepareSchemaIfNecessary = true,
                // Live jobs keep pushing their fetch time forward; a killed machine's job is back in the queue after the timeout.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromSeconds(serve.InvisibilityTimeoutSeconds),
                QueuePollInterval = TimeSpan.FromSeconds(serve.PollSeconds),
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(serve.PostgresConnection, options), options);
        }

        var dataDir = Path.GetFullPath(config.DataDir);
        Directory.CreateDirectory(dataDir);
        return new SQLiteStorage(Path.Combine(dataDir, "hangfire.db"), new SQLiteStorageOptions
        {
            InvisibilityTimeout = TimeSpan.FromSeconds(serve.InvisibilityTimeoutSeconds),
            QueuePollInterval = TimeSpan.FromSeconds(serve.PollSeconds),
        });
    }

    /// <summary>Global Hangfire settings shared by the server and the enqueue client.</summary>
    public static void Configure(IGlobalConfiguration configuration, JobStorage storage, ServeOptions serve)
    {
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(storage);

        // Replace Hangfire's default of 10 retries by the configured limit; bad paths fail at once.
        foreach (var filter in GlobalJobFilters.Filters.Where(f => f.Instance is AutomaticRetryAttribute).ToList())
        {
            GlobalJobFilters.Filters.Remove(filter.Instance);
        }

        GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute
        {
            Attempts = serve.Retries,
            DelaysInSeconds = [.. Enumerable.Range(1, Math.Max(1, serve.Retries)).Select(i => 5 * i * i)],
            ExceptOn = [typeof(OutsideRootsException), typeof(FileNotFoundException)],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
    }
}
