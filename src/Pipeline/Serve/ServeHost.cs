using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SciCurate.Pipeline.Cli;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Serve.Jobs;
using SciCurate.Pipeline.Hosting;

namespace SciCurate.Pipeline.Serve;

/// <summary>
/// The `curate serve` web host: one Hangfire server per queue (worker counts from Serve:Queues), the Hangfire
/// dashboard at /hangfire and the pipeline page at /runs. To wire another stage: write a job class whose method takes
/// ids and paths plus a CancellationToken and carries [Queue(JobQueues.X)], register it in <see cref="AddStageJobs"/>,
/// and give <see cref="Enqueuer"/> a method that creates its jobs.
/// </summary>
public static class ServeHost
{
    public const int RefreshSeconds = 5;

    public static WebApplication Build(CurateConfig config, string urls)
    {
        var serve = config.Serve;
        var credentials = DashboardSecurity.RequiredCredentials(serve, urls);
        var storage = JobStorageFactory.Create(config);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Environment.CurrentDirectory });
        // Only --urls / Serve:Urls decide where to listen: no appsettings.json or ASPNETCORE_* endpoint can bypass the
        // loopback check above.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(urls);
        builder.Services.AddAntiforgery();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Hangfire", LogLevel.Warning);
        // A failed start (a port in use) surfaces as the exception `curate serve` reports in one line; not also as a logged trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        

        var finish = TimeSpan.FromSeconds(serve.FinishSeconds);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = finish + TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(serve);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(sp => new Composition(config, sp.GetRequiredService<ILoggerFactory>()) { ShareWorkers = true });
        builder.Services.AddSingleton(new ServeRoots(serve));
        builder.Services.AddSingleton<RunLedger>();
        builder.Services.AddSingleton<RunTracker>();
        builder.Services.AddSingleton<Enqueuer>();
        builder.Services.AddSingleton<RunStatsReader>();
        AddStageJobs(builder.Services);

        builder.Services.AddHangfire(c => JobStorageFactory.Configure(c, storage, serve));
        foreach (var queue in JobQueues.All)
        {
            var workers = serve.WorkersFor(queue);
            if (workers == 0)
            {
                continue;
            }

            builder.Services.AddHangfireServer((_, o) =>
            {
                o.ServerName = $"{Environment.MachineName}:{queue}";
                o.Queues = [queue];
                o.WorkerCount = workers;
                o.SchedulePollingInterval = TimeSpan.FromSeconds(serve.PollSeconds);
                // SIGTERM: running jobs get FinishSeconds to finish, then their token is cancelled and they are requeued.
                o.StopTimeout = finish;
                o.ShutdownTimeout = finish + TimeSpan.FromSeconds(20);
            });
        }

        var app = builder.Build();
        if (credentials is null)
        {
            // Belt and braces: should anything still bind beyond loopback, stop before serving a request unauthenticated.
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                if (!DashboardSecurity.IsLoopbackOnly(string.Join(';', app.Urls)))
                {
                    app.Logger.LogCritical("listening on {Urls} without authentication: stopping", string.Join(", ", app.Urls));
                    Environment.ExitCode = 2;
                    app.Lifetime.StopApplication();
                }
            });
        }

        if (credentials is null)
        {
            // Unauthenticated means loopback only; a page of another site reaching 127.0.0.1 through a DNS name it
            // controls (DNS rebinding) still sends its own Host: only loopback names are answered.
            app.Use(async (context, next) =>
            {
                if (!DashboardSecurity.IsLoopbackHost(context.Request.Host.Host))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("curate serve answers only Host: localhost, 127.0.0.1 or [::1] without authentication");
                    return;
                }

                await next(context);
            });
        }

        if (credentials is { } c)
        {
            app.Use(async (context, next) =>
            {
                if (!DashboardSecurity.Check(context, c.User, c.Password))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"curate\", charset=\"UTF-8\"";
                    return;
                }

                await next(context);
            });
        }

        // Hangfire's dashboard reads a form on every POST and on /stats whatever the method; a request without form
        // content there throws inside Hangfire and ends as a 500. Answer it as the client error it is.
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase, out var rest))
            {
                var isStats = rest.Equals("/stats", StringComparison.OrdinalIgnoreCase);
                if (isStats && !HttpMethods.IsPost(request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    context.Response.Headers.Allow = "POST";
                    return;
                }

                if (HttpMethods.IsPost(request.Method) && !request.HasFormContentType)
                {
                    context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                    await context.Response.WriteAsync("the dashboard takes form posts (application/x-www-form-urlencoded)");
                    return;
                }
            }

            await next(context);
        });

        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "SciCurate jobs",
            AppPath = "/runs",
            Authorization = credentials is null ? [new LocalRequestsOnlyAuthorizationFilter()] : [new DashboardSecurity.AuthenticatedFilter()],
            DisplayStorageConnectionString = false,
        });
        app.MapGet("/", () => Results.Redirect("runs"));
        app.MapGet("/runs", async (RunStatsReader stats, string? run, int? failed, CancellationToken ct) =>
            Results.Content(PipelinePage.Render(await stats.SnapshotAsync(ct), RefreshSeconds, run, failed ?? 1), "text/html; charset=utf-8"));
        app.MapGet("/api/runs", async (RunStatsReader stats, CancellationToken ct) => Results.Json(await stats.SnapshotAsync(ct)));

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        RecurringTickJob.Sync(recurring, storage, serve);
        return app;
    }

    /// <summary>Job classes of the stages, one queue each: pdf, vlm, web, judge, rewrite; duplicates and recurring ticks on default.</summary>
    public static void AddStageJobs(IServiceCollection services)
    {
        services.AddTransient<PdfBatchJob>();
        services.AddTransient<VlmPagesJob>();
        services.AddTransient<WebIntakeJob>();
        services.AddTransient<JudgeJob>();
        services.AddTransient<RewriteJob>();
        services.AddTransient<DedupJob>();
        services.AddTransient<RecurringTickJob>();
    }
}
