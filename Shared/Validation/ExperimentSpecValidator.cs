using LocalityLab.Shared.Experiments;

namespace LocalityLab.Shared.Validation;

/// <summary>
/// The one place a spec is checked. Every error names the field and the allowed range, e.g.
/// "Data.Gain must be in [0, 100]; got 250". Server-side limits on size and time are checked on top of this
/// by the compute engine (Compute:Limits).
/// </summary>
public static class ExperimentSpecValidator
{
    public const int MaxInputs = 4096;
    public const int MaxUnits = 4096;
    public const int MaxMlpLayers = 8;

    public const int MaxPathLength = 1000;
    public const int MaxRounds = 50;

    /// <summary>SCIENCE.md asks for M &gt;= 32 placements per unit; the cap bounds the null's cost (K * M pre-activations).</summary>
    public const int MinNullPermutations = 32;
    public const int MaxNullPermutations = 1024;

    public static IReadOnlyList<ValidationError> Validate(ExperimentSpec? spec)
    {
        var errors = new List<ValidationError>();
        if (spec is null)
        {
            errors.Add(new("Spec", "Spec is required."));
            return errors;
        }
        var check = new Checker(errors);

        check.That(!string.IsNullOrWhiteSpace(spec.Name) && spec.Name.Length <= 200, "Name",
            $"Name must have 1 to 200 characters; got {spec.Name?.Length ?? 0}.");
        check.Range("Seed", spec.Seed, 0, long.MaxValue);

        var data = spec.Data;
        var model = spec.Model;
        if (data is null) errors.Add(new("Data", "Data is required."));
        if (model is null) errors.Add(new("Model", "Model is required."));
        if (spec.Training is null) errors.Add(new("Training", "Training is required."));
        if (spec.Pruning is null) errors.Add(new("Pruning", "Pruning is required."));
        if (spec.Measures is null) errors.Add(new("Measures", "Measures is required."));
        if (errors.Count > 0 || data is null || model is null)
        {
            return errors;
        }

        int beforeData = errors.Count;
        ValidateData(data, check);
        bool dataValid = errors.Count == beforeData;
        int before = errors.Count;
        ValidateModel(model, check);
        ValidateTraining(spec, check);
        // The rewind step is checked against the round's length only when the data and training that set it are valid.
        ValidatePruning(spec, check, trainingValid: dataValid && errors.Count == before);
        check.Range("Measures.NullPermutations", spec.Measures!.NullPermutations, MinNullPermutations, MaxNullPermutations);
        return errors;
    }

    /// <summary>The data part alone, with the same ranges (the engine checks the data it is asked to build with these).</summary>
    public static IReadOnlyList<ValidationError> ValidateData(DataSpec? data)
    {
        var errors = new List<ValidationError>();
        if (data is null)
        {
            errors.Add(new("Data", "Data is required."));
            return errors;
        }
        ValidateData(data, new Checker(errors));
        return errors;
    }

    /// <summary>The number of inputs D the spec's data has, when it is known without reading files.</summary>
    public static int? Inputs(DataSpec data) => DataSources.Find(data.Source.Key)?.Inputs(data);

    /// <summary>The number of weight layers (hidden layers + the output layer).</summary>
    public static int WeightLayers(ModelSpec model) =>
        model.Architecture == Architecture.Mlp ? (model.HiddenWidths?.Length ?? 0) + 1 : 2;

    // Every field is checked whatever the source or architecture: a field that does not apply still belongs to the
    // spec's identity (its hash), and a NaN or a negative count in it is a mistake worth naming.
    private static void ValidateData(DataSpec data, Checker check)
    {
        check.That(DataSources.IsRegistered(data.Source), "Data.Source", $"Data.Source must be one of {DataSources.Allowed}; got {data.Source}.");
        check.Defined("Data.Geometry", data.Geometry);
        if (data.Geometry == Geometry.Torus2D)
        {
            check.Range("Data.Size", data.Size, 2, 64, " (the torus side L; D = L * L <= 4096)");
        }
        else
        {
            check.Range("Data.Size", data.Size, 4, MaxInputs, " (the ring's pixels D)");
        }
        if (check.Pair("Data.CorrelationLengths", data.CorrelationLengths))
        {
            check.Range("Data.CorrelationLengths[0]", data.CorrelationLengths[0], 0, 1000, lowOpen: true);
            check.Range("Data.CorrelationLengths[1]", data.CorrelationLengths[1], 0, 1000, lowOpen: true);
        }
        check.Range("Data.Gain", data.Gain, 0, 100);
        // exp(-(d/xi)^p) is a valid (positive semi-definite) kernel only for 0 < p <= 2.
        check.Range("Data.KernelExponent", data.KernelExponent, 0, 2, lowOpen: true);
        if (check.Pair("Data.IsingTemperatures", data.IsingTemperatures))
        {
            check.Range("Data.IsingTemperatures[0]", data.IsingTemperatures[0], 0, 100, lowOpen: true);
            check.Range("Data.IsingTemperatures[1]", data.IsingTemperatures[1], 0, 100, lowOpen: true);
        }
        check.Range("Data.IsingSweeps", data.IsingSweeps, 1, 10_000);
        check.That(data.ImagesPath is not { Length: > MaxPathLength }, "Data.ImagesPath",
            $"Data.ImagesPath must have at most {MaxPathLength} characters; got {data.ImagesPath?.Length}.");
        check.That(data.LabelsPath is not { Length: > MaxPathLength }, "Data.LabelsPath",
            $"Data.LabelsPath must have at most {MaxPathLength} characters; got {data.LabelsPath?.Length}.");
        if (check.Pair("Data.ImageClasses", data.ImageClasses))
        {
            check.Range("Data.ImageClasses[0]", data.ImageClasses[0], 0, 255);
            check.Range("Data.ImageClasses[1]", data.ImageClasses[1], 0, 255);
            check.That(data.ImageClasses[0] != data.ImageClasses[1], "Data.ImageClasses",
                $"Data.ImageClasses must name two different labels; got {data.ImageClasses[0]} twice.");
        }
        check.AddRange(DataSources.Find(data.Source.Key)?.Check(data) ?? []);
        if (data.TrainingSamples != 0)
        {
            check.Range("Data.TrainingSamples", data.TrainingSamples, 2, 1_000_000, " (0 trains online)");
        }
        check.Range("Data.TestSamples", data.TestSamples, 10, 200_000);
    }

    private static void ValidateModel(ModelSpec model, Checker check)
    {
        check.Defined("Model.Architecture", model.Architecture);
        check.Defined("Model.Activation", model.Activation);
        check.Defined("Model.Initialization", model.Initialization);
        check.Range("Model.HiddenUnits", model.HiddenUnits, 1, MaxUnits);
        if (model.HiddenWidths is not { } widths)
        {
            check.That(false, "Model.HiddenWidths", "Model.HiddenWidths must be a list (empty for the twoLayer architecture); got null.");
            return;
        }
        if (model.Architecture == Architecture.Mlp)
        {
            check.That(widths.Length is >= 1 and <= MaxMlpLayers, "Model.HiddenWidths",
                $"Model.HiddenWidths must list 1 to {MaxMlpLayers} layer widths for the mlp architecture; got {widths.Length}.");
        }
        else
        {
            check.That(widths.Length <= MaxMlpLayers, "Model.HiddenWidths",
                $"Model.HiddenWidths must list at most {MaxMlpLayers} layer widths; got {widths.Length}.");
        }
        for (int i = 0; i < widths.Length && i < MaxMlpLayers; i++)
        {
            check.Range($"Model.HiddenWidths[{i}]", widths[i], 1, MaxUnits);
        }
    }

    private static void ValidateTraining(ExperimentSpec spec, Checker check)
    {
        var training = spec.Training;
        check.Defined("Training.Optimizer", training.Optimizer);
        check.Defined("Training.Loss", training.Loss);
        check.Range("Training.LearningRate", training.LearningRate, 0, 10, lowOpen: true);
        check.Range("Training.Momentum", training.Momentum, 0, 1, highOpen: true);
        check.Range("Training.WeightDecay", training.WeightDecay, 0, 1);
        check.Range("Training.BatchSize", training.BatchSize, 1, 65_536);
        check.Range("Training.Steps", training.Steps, 0, 10_000_000, " (0 trains for Epochs)");
        bool online = spec.Data.TrainingSamples == 0;
        if (online)
        {
            check.That(training.Steps > 0, "Training.Steps",
                "Training.Steps must be in [1, 10000000] when training online (Data.TrainingSamples = 0); got 0.");
        }
        else
        {
            if (training.Steps == 0)
            {
                check.Range("Training.Epochs", training.Epochs, 1, 10_000);
            }
            if (spec.Data.TrainingSamples >= 2)
            {
                check.That(training.BatchSize <= spec.Data.TrainingSamples, "Training.BatchSize",
                    $"Training.BatchSize must be in [1, {spec.Data.TrainingSamples}] (Data.TrainingSamples); got {training.BatchSize}.");
            }
        }
    }

    private static void ValidatePruning(ExperimentSpec spec, Checker check, bool trainingValid)
    {
        var pruning = spec.Pruning;
        check.Range("Pruning.Rounds", pruning.Rounds, 0, MaxRounds);
        check.Range("Pruning.FractionPerRound", pruning.FractionPerRound, 0, 0.99, lowOpen: true);
        check.Defined("Pruning.Scope", pruning.Scope);
        check.Defined("Pruning.Rewind", pruning.Rewind);
        check.Defined("Pruning.Control", pruning.Control);
        int layers = WeightLayers(spec.Model);
        if (pruning.Layers is { } chosen)
        {
            check.That(chosen.Length >= 1, "Pruning.Layers",
                $"Pruning.Layers must list at least one layer index in [0, {layers - 1}], or be null for every layer but the output.");
            for (int i = 0; i < chosen.Length; i++)
            {
                check.Range($"Pruning.Layers[{i}]", chosen[i], 0, layers - 1, " (0 is the first weight layer)");
            }
            check.That(chosen.Distinct().Count() == chosen.Length, "Pruning.Layers",
                "Pruning.Layers must not list a layer twice.");
        }
        if (pruning.Rewind == RewindKind.Step && trainingValid)
        {
            long steps = spec.Training.StepsPerRound(spec.Data.TrainingSamples);
            check.Range("Pruning.RewindStep", pruning.RewindStep, 0, steps, " (a step of round 0, which has that many)");
        }
        check.That(pruning.Strategy is null || pruning.Control is not (PruningControl.RandomPruning or PruningControl.RandomReinit), "Pruning.Strategy",
            $"Pruning.Strategy must be unset with the {Name(pruning.Control)} control, which chooses its own masks; got '{pruning.Strategy}'.");
        check.That(pruning.Control != PruningControl.RandomReinit, "Pruning.Control",
            "Pruning.Control randomReinit follows IMP's masks, so it runs only as a condition of a study; "
            + "a single run takes none, randomPruning or oneShot.");
        if (pruning.Control == PruningControl.OneShot)
        {
            check.That(pruning.Rounds >= 1, "Pruning.Rounds",
                "Pruning.Rounds must be in [1, 50] for the oneShot control (it prunes to the sparsity of that many rounds); got 0.");
        }
    }

    private static string Name<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private sealed class Checker(List<ValidationError> errors)
    {
        public void AddRange(IEnumerable<ValidationError> found) => errors.AddRange(found);

        public void That(bool condition, string field, string message)
        {
            if (!condition)
            {
                errors.Add(new(field, message));
            }
        }

        public void Defined<T>(string field, T value) where T : struct, Enum
        {
            if (!Enum.IsDefined(value))
            {
                var allowed = string.Join(", ", Enum.GetValues<T>().Select(Name));
                errors.Add(new(field, $"{field} must be one of {allowed}; got {value}."));
            }
        }

        public void Range(string field, long value, long min, long max, string note = "")
        {
            if (value < min || value > max)
            {
                errors.Add(new(field, $"{field} must be in [{min}, {max}]{note}; got {value}."));
            }
        }

        public void Range(string field, double value, double min, double max, bool lowOpen = false, bool highOpen = false)
        {
            bool ok = double.IsFinite(value)
                && (lowOpen ? value > min : value >= min)
                && (highOpen ? value < max : value <= max);
            if (!ok)
            {
                string range = $"{(lowOpen ? "(" : "[")}{min}, {max}{(highOpen ? ")" : "]")}";
                errors.Add(new(field, $"{field} must be a number in {range}; got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}."));
            }
        }

        public bool Pair(string field, double[]? values)
        {
            if (values is { Length: 2 })
            {
                return true;
            }
            errors.Add(new(field, $"{field} must hold exactly 2 values (class 0, class 1); got {values?.Length ?? 0}."));
            return false;
        }

        public bool Pair(string field, int[]? values)
        {
            if (values is { Length: 2 })
            {
                return true;
            }
            errors.Add(new(field, $"{field} must hold exactly 2 values (class 0, class 1); got {values?.Length ?? 0}."));
            return false;
        }
    }
}
