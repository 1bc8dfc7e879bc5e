namespace LocalityLab.Compute.Measures;

/// <summary>
/// The cavity attribution of every first-layer weight, row-major Units x Inputs. Delta = exkurt(h_k - w_ki x_i) - exkurt(h_k);
/// Gain = |exkurt(h_k - w_ki x_i)| - |exkurt(h_k)|. NaN where the weight is pruned, the unit dead, or the cavity
/// pre-activation h_k - w_ki x_i has zero variance.
/// </summary>
/// <param name="UnitExcessKurtosis">exkurt(h_k) of each unit, NaN for a dead unit.</param>
internal sealed record CavityMap(int Units, int Inputs, double[] Delta, double[] Gain, double[] UnitExcessKurtosis);
