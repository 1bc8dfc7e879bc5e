using LocalityLab.Shared.Experiments;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LocalityLab.Compute.Model;

/// <summary>
/// D -> hidden layer(s) -> 1 output, as SCIENCE.md's "Network and training". Weight layer 0 is the first layer,
/// whose rows are the receptive fields; the last weight layer is the output.
/// </summary>
internal sealed class FullyConnectedNetwork : nn.Module<Tensor, Tensor>
{

    private readonly ModuleList<Linear> _layers = new();
    private readonly BatchNorm1d? _inputNorm;
    private readonly Activation _activation;
    private readonly Linear[] _layerArray;

    public FullyConnectedNetwork(int inputs, ModelSpec spec) : base(nameof(FullyConnectedNetwork))
    {
        _activation = spec.Activation;
        int[] widths = spec.Architecture == Architecture.Mlp ? spec.HiddenWidths : [spec.HiddenUnits];
        if (spec.InputBatchNorm)
        {
            // No affine part: it only standardises the inputs, so the first layer's weights stay the receptive fields.
            _inputNorm = nn.BatchNorm1d(inputs, affine: false);
        }
        int fanIn = inputs;
        foreach (int width in widths)
        {
            _layers.Add(nn.Linear(fanIn, width, hasBias: spec.Bias));
            fanIn = width;
        }
        _layers.Add(nn.Linear(fanIn, 1, hasBias: spec.Bias));
        RegisterComponents();
        _layerArray = [.. _layers];

        if (!spec.SecondLayerTrainable)
        {
            _layers[^1].weight!.requires_grad = false;
        }
    }

    /// <summary>The weight layers, first to output.</summary>
    public IReadOnlyList<Linear> Layers => _layerArray;

    public Linear FirstLayer => _layers[0];

    public int HiddenUnits => (int)_layers[0].weight!.shape[0];

    public Activation Activation => _activation;

    /// <summary>Whether an input BatchNorm standardises the inputs before the first layer.</summary>
    public bool NormalizesInputs => _inputNorm is not null;

    /// <summary>Sets every weight and bias as the spec says, drawing only from <paramref name="generator"/>.</summary>
    public void Initialize(ModelSpec spec, Generator generator)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _layers.Count; i++)
        {
            var weight = _layers[i].weight!;
            long fanOut = weight.shape[0], fanIn = weight.shape[1];
            bool fixedOutput = i == _layers.Count - 1 && !spec.SecondLayerTrainable;
            if (fixedOutput)
            {
                // Committee machine: the output averages the hidden units.
                using var average = (1.0 / fanIn).ToScalar();
                weight.fill_(average);
            }
            else if (spec.Initialization == Initialization.Glorot)
            {
                double bound = Math.Sqrt(6.0 / (fanIn + fanOut));
                using var u = rand(weight.shape, dtype: weight.dtype, generator: generator);
                using var width = (2 * bound).ToScalar();
                using var offset = bound.ToScalar();
                weight.copy_(u.mul_(width).sub_(offset));
            }
            else
            {
                using var n = randn(weight.shape, dtype: weight.dtype, generator: generator);
                using var sd = (1 / Math.Sqrt(fanIn)).ToScalar();
                weight.copy_(n.mul_(sd));
            }
            _layers[i].bias?.zero_();
        }
    }

    /// <summary>The inputs as the first layer sees them (after the input BatchNorm, if any, in its current mode).</summary>
    public Tensor PrepareInputs(Tensor x) => _inputNorm is null ? x.alias() : Normalize(x);

    /// <summary>
    /// The input BatchNorm's forward, as the module's own (batch statistics in training, updating the running ones with
    /// momentum 0.1; the running ones in eval), called through the functional form: the module's forward also counts
    /// batches with an implicitly converted Scalar (ConstantScalars says why that is not safe), a count nothing reads.
    /// </summary>
    private Tensor Normalize(Tensor x) => nn.functional.batch_norm(x, _inputNorm!.running_mean, _inputNorm.running_var,
        training: _inputNorm.training, momentum: 0.1, eps: 1e-5);

    public override Tensor forward(Tensor input)
    {
        var x = _inputNorm is null ? input : Normalize(input);
        for (int i = 0; i < _layers.Count - 1; i++)
        {
            x = Activate(_layers[i].forward(x));
        }
        return _layers[^1].forward(x).squeeze(-1);
    }

    private Tensor Activate(Tensor h) => Activations.Apply(_activation, h);
}
