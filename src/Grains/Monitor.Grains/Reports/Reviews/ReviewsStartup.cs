using Microsoft.Extensions.Logging;
using Monitor.Grains.Models;

namespace Monitor.Grains.Reports.Reviews;

/// <summary>When a silo starts, wakes every model's review grain, so reviews that fell due while Monitor was stopped go out.</summary>
public sealed class ReviewsStartup(IGrainFactory grains, ILogger<ReviewsStartup> logger) : ModelGrainsWakeUp(grains, logger)
{
    protected override string Woken => "review";

    protected override string Otherwise => "each sends when next called";

    protected override Task Wake(IGrainFactory grains, string model) => grains.GetGrain<IModelReviewsGrain>(model).Resume();
}
