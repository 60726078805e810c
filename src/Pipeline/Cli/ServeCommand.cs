using System.CommandLine;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Serve;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate serve`: Hangfire workers, the Hangfire dashboard and the pipeline page.</summary>
public static class ServeCommand
{
    public static readonly Option<string?> Storage = new("--storage") { Description = "Job storage: sqlite (default, DataDir) or postgres (CURATE__Serve__PostgresConnection)", Recursive = true };

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default Serve:Urls, http://127.0.0.1:5080); non-loopback needs CURATE__Serve__User/Password" };
        var command = new Command("serve", "Run queued batch jobs (Hangfire) and serve the dashboard (/hangfire) and pipeline page (/runs)")
        {
            urls,
            Storage,
        };
        command.SetAction(async (parse, ct) =>
        {
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                var config = Load(parse);
                app = ServeHost.Build(config, parse.GetValue(urls) ?? config.Serve.Urls);
            }
            catch (ConfigException e)
            {
                await Console.Error.WriteLineAsync($"curate: {e.Message}");
                return 2;
            }

            // SIGTERM and Ctrl+C are handled by the host: stop taking jobs, let running ones finish or requeue them.
            try
            {
                await app.RunAsync();
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // Kestrel's message names the address ("Failed to bind to address http://127.0.0.1:5080: address already in use.").
                await Console.Error.WriteLineAsync($"curate: {e.Message.TrimEnd('.')}; stop what listens there (another curate serve?) or give another --urls");
                return 2;
            }

            return Environment.ExitCode;
        });
        return command;
    }

    internal static CurateConfig Load(ParseResult parse)
    {
        var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
        if (parse.GetValue(Storage) is { } storage)
        {
            config.Serve.Storage = storage;
            var errors = config.Serve.Validate("Serve").ToList();
            if (errors.Count > 0)
            {
                throw new ConfigException(string.Join("; ", errors));
            }
        }

        // A PDF job starts its own parse processes; parallelism comes from the pdf queue's worker count.
        config.Run.Workers = config.Serve.ParseProcessesPerJob;
        return config;
    }
}
