using System.CommandLine;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Cli;

/// <summary>
/// `curate verify OUT [--repair]`: checks every committed shard against the size and SHA-256 recorded at commit, then
/// the output's invariants (<see cref="OutputInvariants"/>); exits non-zero with one line per broken rule.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "Output folder of a run" };
        var repair = new Option<bool>("--repair") { Description = "Drop damaged shards (and the rest of their batch) from the manifest and remove files it does not list, so the next run redoes their inputs" };
        var command = new Command("verify", "Check an output: every shard whole (present, same size and checksum as committed), one row per doc_id, every page of every document once, every shard in the manifest and none outside it, a decision for every judged domain") { output, repair };
        command.SetAction(async (parse, ct) =>
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

            if (problems.Count > 0)
            {
                if (parse.GetValue(repair))
                {
                    var redo = store.Repair([.. problems.Select(p => p[..p.IndexOf(": ", StringComparison.Ordinal)])]);
                    store.Sweep();
                    Console.WriteLine($"repaired: damaged shards and their batches dropped from the manifest; {redo.Count} inputs will be redone by the next `curate run`");
                    return 0;
                }

                Console.Error.WriteLine($"curate: {problems.Count} of {shards} shards damaged; `curate verify {store.Root} --repair` drops them so the next run redoes their inputs");
                return OutputFaultException.ExitCode;
            }

            // Only whole shards can be read for the row rules.
            var broken = await OutputInvariants.CheckAsync(store, ct);
            foreach (var b in broken)
            {
                Console.WriteLine($"broken: {b}");
            }

            if (broken.Count == 0)
            {
                Console.WriteLine($"{shards} shards verified: all whole; one row per document, every page once, every shard in the manifest, a decision for every judged domain");
                return 0;
            }

            if (parse.GetValue(repair) && broken.TrueForAll(b => b.StartsWith("shard not in the manifest", StringComparison.Ordinal)))
            {
                Console.WriteLine($"repaired: {store.Sweep()} files the manifest does not list removed");
                return 0;
            }

            Console.Error.WriteLine($"curate: {broken.Count} rule{(broken.Count == 1 ? "" : "s")} broken in {store.Root} (listed above)");
            return OutputFaultException.ExitCode;
        });
        return command;
    }
}
