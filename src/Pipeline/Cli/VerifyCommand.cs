using System.CommandLine;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate verify OUT [--repair]`: checks every committed shard against the size and SHA-256 recorded at commit.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "Output folder of a run" };
        var repair = new Option<bool>("--repair") { Description = "Drop damaged shards (and the rest of their batch) from the manifest, so the next run redoes their inputs" };
        var command = new Command("verify", "Check that every committed shard is whole: present, same size and checksum as committed, Parquet at both ends") { output, repair };
        command.SetAction(parse =>
        {
            var store = new OutputStore(parse.GetValue(output)!);
            if (!File.Exists(store.ManifestPath))
            {
                Console.Error.WriteLine($"curate: {store.ManifestPath} not found: not a curate output folder");
                return 2;
            }

            var shards = store.Read().Shards.Count;
            var problems = store.Verify(checksums: true);
            foreach (var p in problems)
            {
                Console.WriteLine($"damaged: {p}");
            }

            if (problems.Count == 0)
            {
                Console.WriteLine($"{shards} shards verified: all whole");
                return 0;
            }

            if (parse.GetValue(repair))
            {
                var redo = store.Repair([.. problems.Select(p => p[..p.IndexOf(": ", StringComparison.Ordinal)])]);
                Console.WriteLine($"repaired: damaged shards and their batches dropped from the manifest; {redo.Count} inputs will be redone by the next `curate run`");
                return 0;
            }

            Console.Error.WriteLine($"curate: {problems.Count} of {shards} shards damaged; `curate verify {store.Root} --repair` drops them so the next run redoes their inputs");
            return OutputFaultException.ExitCode;
        });
        return command;
    }
}
