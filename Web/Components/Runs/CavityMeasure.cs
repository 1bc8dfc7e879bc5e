namespace LocalityLab.Web.Components.Runs;

/// <summary>Which cavity map a unit's detail draws (both are stored per round; CavityMethod computes them together).</summary>
public enum CavityMeasure
{
    /// <summary>|κ(h − w x)| − |κ(h)|: how much further from Gaussian the unit gets without the weight.</summary>
    Gain,

    /// <summary>κ(h − w x) − κ(h): the signed change of the excess kurtosis.</summary>
    Delta,
}
