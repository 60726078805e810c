using System.CommandLine;
using System.Globalization;
using SciCurate.DomainFilter.Judge.Science;
using SciCurate.DomainFilter.Judge.Science.Training;
using SciCurate.Pipeline.Configuration;

namespace SciCurate.Pipeline.Cli;

/// <summary>`curate judge train|eval`: build the offline judge's science classifier from labelled pages, and measure it.</summary>
public static class JudgeCommand
{
    public static Command Create() => new("judge", "Train and evaluate the offline judge's science classifier") { Train(), Eval() };

    private static readonly Option<string[]> Pages = new("--pages") { Description = "Extracted pages, JSON arrays of {id, url, title, text, language, split} (see src/DomainFilter/Judge/README.md)", Required = true, AllowMultipleArgumentsPerToken = true };

    private static readonly Option<string[]> Labels = new("--labels") { Description = "Label TSV files (id, label, note; or configs/judge/labels-*.tsv with a header)", Required = true, AllowMultipleArgumentsPerToken = true };

    private static readonly Option<string?> Model = new("--model", "-m") { Description = "Model file (default: Judge:Offline:ModelPath)" };

    private static Command Train()
    {
        var science = new Option<string[]>("--science") { Description = "Extra science text for training only: PDFs, CNXML modules, .txt/.md files, or folders of them", AllowMultipleArgumentsPerToken = true };
        var chunks = new Option<int>("--chunks-per-file") { Description = "Chunks taken from each --science file", DefaultValueFactory = _ => 3 };
        var extraWeight = new Option<double>("--science-weight") { Description = "Loss weight of one --science chunk relative to a labelled page", DefaultValueFactory = _ => 0.5 };
        var recall = new Option<double>("--recall") { Description = "Threshold rule: keep this share of out-of-fold science domains of the train split", DefaultValueFactory = _ => 0.85 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (grouped by registered domain)", DefaultValueFactory = _ => 5 };
        var l2 = new Option<double[]>("--l2") { Description = "L2 penalties to try (the best out-of-fold domain average precision wins)", AllowMultipleArgumentsPerToken = true };
        var charWeight = new Option<double>("--char-weight") { Description = "Weight of the character n-gram block against the word block", DefaultValueFactory = _ => new ScienceFeatureSpec().CharWeight };
        var urlWeight = new Option<double>("--url-weight") { Description = "Weight of the URL-words block against the word block (0: no URL features)", DefaultValueFactory = _ => new ScienceFeatureSpec().UrlWeight };
        var titleWeight = new Option<double>("--title-weight") { Description = "Weight of the title-words block against the word block (0: title only as part of the text)", DefaultValueFactory = _ => new ScienceFeatureSpec().TitleWeight };
        var dropFunctionWords = new Option<bool>("--drop-function-words") { Description = "Leave the language identifier's function words (the, der, les …) out of the features (schema 5)" };
        var cvOnly = new Option<bool>("--cv-only") { Description = "Only cross-validate and print the out-of-fold figures; write no model" };
        var maxChars = new Option<int>("--max-chars") { Description = "Characters of title + text hashed per page", DefaultValueFactory = _ => new ScienceFeatureSpec().MaxChars };
        var splits = new Option<string[]>("--splits") { Description = "Splits to train on (a blind split only after it was scored once)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["train"] };
        var positiveWeight = new Option<double?>("--positive-weight") { Description = "Loss weight of a science page relative to a non-science one (default: balance the classes)" };
        var oof = new Option<string?>("--oof") { Description = "Also write every train page's out-of-fold probability to this TSV (error analysis)" };
        var iterations = new Option<int>("--iterations") { Description = "L-BFGS iterations at most", DefaultValueFactory = _ => 150 };
        var cvOut = new Option<string?>("--cv-out") { Description = "Also write the cross-validation's result (L2, calibration, threshold, figures) to this JSON, for --no-cv" };
        var noCv = new Option<bool>("--no-cv") { Description = "Train the final model only, with L2, calibration, threshold and figures from --cv-from (same pages, labels, splits, features)" };
        var cvFrom = new Option<string?>("--cv-from") { Description = "With --no-cv: the JSON of an earlier run (--cv-out, or a model's card)" };
        var threads = new Option<int>("--threads") { Description = "Models trained at once (folds, and the final model beside them when one --l2 is given); the result does not depend on it", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("train", "Train the hashed n-gram logistic regression on the train split, calibrate and fix the threshold out of fold, write ONNX + JSON")
        {
            Pages, Labels, splits, positiveWeight, science, chunks, extraWeight, recall, folds, l2, charWeight, urlWeight, titleWeight, dropFunctionWords, maxChars, iterations, oof, cvOnly, cvOut, noCv, cvFrom, threads, Model,
        };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            var modelPath = parse.GetValue(Model) ?? config.ResolveModelPath(config.Judge.Offline.ModelPath);
            if (parse.GetValue(noCv) != parse.GetValue(cvFrom) is not null || (parse.GetValue(noCv) && parse.GetValue(cvOnly)))
            {
                Console.Error.WriteLine("curate: --no-cv needs --cv-from FILE (an earlier --cv-only --cv-out run) and excludes --cv-only");
                return 2;
            }

            try
            {
                var drop = parse.GetValue(dropFunctionWords);
                var spec = new ScienceFeatureSpec { CharWeight = parse.GetValue(charWeight), UrlWeight = parse.GetValue(urlWeight), TitleWeight = parse.GetValue(titleWeight), DropFunctionWords = drop, FunctionWordsDigest = drop ? ScienceFeatureSpec.CurrentFunctionWordsDigest : null, MaxChars = parse.GetValue(maxChars) };
                var grid = parse.GetValue(l2) is { Length: > 0 } given ? given : null;
                var extras = ScienceTextCorpus.Load(parse.GetValue(science) ?? [], config, spec.MaxChars, parse.GetValue(chunks), Console.Out);
                var info = ScienceTrainingWorkflow.Train(new ScienceTrainRequest
                {
                    PagesPaths = parse.GetValue(Pages)!,
                    Splits = parse.GetValue(splits)!,
                    PositiveWeight = parse.GetValue(positiveWeight),
                    LabelPaths = parse.GetValue(Labels)!,
                    ModelPath = modelPath,
                    ExtraScience = extras,
                    ExtraWeight = parse.GetValue(extraWeight),
                    Spec = spec,
                    TargetRecall = parse.GetValue(recall),
                    Folds = parse.GetValue(folds),
                    MaxIterations = parse.GetValue(iterations),
                    OutOfFoldPath = parse.GetValue(oof),
                    CrossValidateOnly = parse.GetValue(cvOnly),
                    CrossValidationOut = parse.GetValue(cvOut),
                    CrossValidationFrom = parse.GetValue(noCv) ? parse.GetValue(cvFrom) : null,
                    Threads = Math.Max(1, parse.GetValue(threads)),
                    L2Grid = grid ?? new ScienceTrainRequest { PagesPaths = [], LabelPaths = [], ModelPath = "" }.L2Grid,
                }, Console.Out);
                if (parse.GetValue(cvOnly))
                {
                    return 0;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {info.ModelId}, threshold {info.Threshold} ({ScienceModelInfo.SidecarPath(modelPath)})"));
                return 0;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException or ScienceModelException)
            {
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Eval()
    {
        var split = new Option<string>("--split") { Description = "Which split of the pages file to score (train | test)", DefaultValueFactory = _ => "test" };
        var threshold = new Option<double?>("--threshold") { Description = "Override the model's domain threshold (then the figures are not the fixed rule's)" };
        var domains = new Option<string?>("--domains") { Description = "Also write one TSV line per labelled domain (labels, both scores, urls)" };
        var grain = new Option<string>("--grain") { Description = "What one verdict covers: domain (registered domain, as the judge decides) or host (each subdomain on its own, to measure portals)", DefaultValueFactory = _ => "domain" };
        grain.AcceptOnlyFromAmong("domain", "host");
        var seen = new Option<string[]>("--exclude-domains-of") { Description = "Pages files the model was trained on: pages of the scored split whose registered domain occurs in them are dropped before scoring (counted)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("eval", "Domain-level purity and recall of science per language: the trained model and today's lexical score side by side")
        {
            Pages, Labels, split, threshold, Model, domains, grain, seen,
        };
        command.SetAction(parse =>
        {
            var config = CurateConfig.Load(parse.GetValue(CommonOptions.Config));
            var modelPath = parse.GetValue(Model) ?? config.ResolveModelPath(config.Judge.Offline.ModelPath);
            try
            {
                using var model = new OnnxScienceClassifier(modelPath);
                var labels = LabelledPages.ReadLabels(parse.GetValue(Labels)!);
                var which = parse.GetValue(split)!;
                var pages = parse.GetValue(Pages)!.SelectMany(path => LabelledPages.Read(path, labels)).Where(p => p.Split == which).ToList();
                if (pages.Count == 0)
                {
                    Console.Error.WriteLine($"curate: no labelled page of split '{which}' in {string.Join(", ", parse.GetValue(Pages)!)}");
                    return 2;
                }

                if (parse.GetValue(seen) is { Length: > 0 } trainedOn)
                {
                    var known = LabelledPages.RegisteredDomains(trainedOn);
                    var kept = pages.Where(p => !known.Contains(p.Domain)).ToList();
                    Console.WriteLine($"dropped {pages.Count - kept.Count} of {pages.Count} pages ({pages.Where(p => known.Contains(p.Domain)).Select(p => p.Domain).Distinct().Count()} registered domains) whose registered domain occurs in {string.Join(", ", trainedOn.Select(Path.GetFileName))}");
                    pages = kept;
                }

                var t = parse.GetValue(threshold) ?? model.Threshold;
                var byHost = parse.GetValue(grain) == "host";
                var result = ScienceEvaluation.Run(model, pages, byHost ? VerdictGrain.Host : VerdictGrain.RegisteredDomain);
                Console.WriteLine($"split {which}, model file {modelPath}" + (byHost ? "; one verdict per host (not the product's grain: registered domain)" : ""));
                ScienceEvaluation.Print(result, model, t, config.Judge.Offline.MinScience, Console.Out);
                if (parse.GetValue(domains) is { } path)
                {
                    ScienceEvaluation.WriteDomains(result, t, config.Judge.Offline.MinScience, path);
                }

                return 0;
            }
            catch (Exception e) when (e is FormatException or IOException or ScienceModelException)
            {
                Console.Error.WriteLine($"curate: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
