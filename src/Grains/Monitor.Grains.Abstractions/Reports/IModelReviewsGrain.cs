namespace Monitor.Grains.Reports;

/// <summary>
/// A model's scheduled reviews (key: the model name): the schedule, the channels the review goes to, and
/// the last period sent, persisted so that a restart neither skips nor repeats a period.
/// </summary>
[Alias("monitor.IModelReviewsGrain")]
public interface IModelReviewsGrain : IGrainWithStringKey
{
    /// <summary>The schedule and what was sent; null when the model has none.</summary>
    [Alias("GetStatus")]
    Task<ReviewStatus?> GetStatus();

    /// <summary>Sets or replaces the schedule; the first review covers the first whole period from now.</summary>
    [Alias("SetSchedule")]
    Task<ReviewStatus> SetSchedule(ReviewSchedule schedule);

    /// <summary>Removes the schedule; false when there was none.</summary>
    [Alias("DeleteSchedule")]
    Task<bool> DeleteSchedule();

    /// <summary>The figures of the last period sent, which the next report compares with; null before any.</summary>
    [Alias("GetLastFigures")]
    Task<PeriodFigures?> GetLastFigures();

    /// <summary>Wakes the grain after a start, so a review that fell due while the node was down goes out.</summary>
    [Alias("Resume")]
    Task Resume();
}
