package org.torc.client.spec;

import java.util.Arrays;

/**
 * The server ids of everything created for a {@link ResolvedSpec}, by index, filled in by the
 * create step as it goes (files, user data, resource requirements, schedulers and failure handlers
 * first, then jobs level by level). Used to turn resolved indices into the id lists of API models.
 */
public final class SpecIds {
    private final long[] files;
    private final long[] userData;
    private final long[] resourceRequirements;
    private final long[] slurmSchedulers;
    private final long[] failureHandlers;
    private final long[] jobs;

    public SpecIds(ResolvedSpec spec) {
        files = unset(spec.files().size());
        userData = unset(spec.userData().size());
        resourceRequirements = unset(spec.resourceRequirements().size());
        slurmSchedulers = unset(spec.slurmSchedulers().size());
        failureHandlers = unset(spec.failureHandlers().size());
        jobs = unset(spec.jobs().size());
    }

    private static long[] unset(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }

    public void setFile(int index, long id) {
        files[index] = id;
    }

    public void setUserData(int index, long id) {
        userData[index] = id;
    }

    public void setResourceRequirements(int index, long id) {
        resourceRequirements[index] = id;
    }

    public void setSlurmScheduler(int index, long id) {
        slurmSchedulers[index] = id;
    }

    public void setFailureHandler(int index, long id) {
        failureHandlers[index] = id;
    }

    public void setJob(int index, long id) {
        jobs[index] = id;
    }

    public long file(int index) {
        return get(files, index, "file");
    }

    public long userData(int index) {
        return get(userData, index, "user data");
    }

    public long resourceRequirements(int index) {
        return get(resourceRequirements, index, "resource requirements");
    }

    public long slurmScheduler(int index) {
        return get(slurmSchedulers, index, "slurm scheduler");
    }

    public long failureHandler(int index) {
        return get(failureHandlers, index, "failure handler");
    }

    public long job(int index) {
        return get(jobs, index, "job");
    }

    private static long get(long[] ids, int index, String what) {
        long id = ids[index];
        if (id < 0) {
            throw new IllegalStateException("the " + what + " at index " + index + " has not been created yet");
        }
        return id;
    }
}
