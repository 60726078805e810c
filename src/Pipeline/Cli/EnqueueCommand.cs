using System.CommandLine;
using Hangfire;
using SciCurate.Pipeline.Configuration;
using SciCurate.Pipeline.Serve;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate enqueue <inputs…> --out DIR`: split a corpus into batch jobs for `curate serve` workers.</summary>
public static class EnqueueCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "PDF files or folders (under Serve:Roots)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (under Serve:Roots)", Required = true };
        var batch = new Option<int?>("--batch") { Description = "Documents per job (default Serve:BatchDocuments)" };
        var command = new Command("enqueue", "Queue a corpus as batch jobs in the job storage that `curate serve` workers process")
        {
            inputs,
            output,
            batch,
            ServeCommand.Storage,
        };
        command.SetAction(parse =>
        {
            try
            {
                var config = ServeCommand.Load(parse);
                var storage = JobStorageFactory.Create(config);
                JobStorageFactory.Configure(GlobalConfiguration.Configuration, storage, config.Serve);
                var enqueuer = new Enqueuer(storage, new ServeRoots(config.Serve), config.Serve);
                var result = enqueuer.EnqueuePdf(parse.GetValue(inputs)!, parse.GetValue(output)!, "enqueue", parse.GetValue(batch));
                Console.WriteLine($"run {result.RunId}: {result.Documents} documents in {result.JobIds.Count} jobs ({result.AlreadyDone} already done, {result.AlreadyQueued} queued by an unfinished run)");
                return 0;
            }
            catch (Exception e) when (e is OutsideRootsException or ConfigException or FileNotFoundException)
            {
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
