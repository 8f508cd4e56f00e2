package se.vaktpost.hub.accounts;

/** State-changing acts; each is audited. */
public enum Action {
    LOCKDOWN, DRILL, ALL_CLEAR, ACKNOWLEDGE, NOTE, CHECKLIST, MANAGE_USERS,
    /** Register an incident in the log by hand. */
    REGISTER,
    /** Move an incident through its handling: status, escalation step, follow-up, measures. */
    HANDLE_CASE,
    /** Read and add the personal details of people involved. */
    PERSONAL_DATA,
    /** Produce the weekly and yearly reports (statistics only, no names). */
    REPORT,
    /** Fill in the action-plan follow-up table carried into the yearly report. */
    PLAN,
    /** Let a school's staff receive its lockdown alerts on their phones (invitation link, their devices). */
    STAFF_ALERTS
}
