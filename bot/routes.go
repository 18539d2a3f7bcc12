package bot

import "crmbot/domain"

// newRoutes is everything the bot answers to, in one table built by New:
// commands (in the order /help and the command menu list them), callback
// prefixes, dialogs, plain-message matchers (in the order they are tried),
// card buttons and notification renderers. The reply keyboard's buttons
// run commands of this table (menu.go's menuItems); /start is answered
// before authentication (Bot.dispatch), so it is not listed here.
func newRoutes() *routes {
	rt := emptyRoutes()
	addCommands(rt)
	addCallbacks(rt)
	addDialogs(rt)
	addMatchers(rt)
	addCardActions(rt)
	addNotifications(rt)
	return rt
}

// addCommands lists the commands with the roles that may run them, in the
// order they are shown.
func addCommands(rt *routes) {
	rt.Command("new", handleNewLead, sellers...)
	rt.Command("today", firstPage(showToday), sellers...)
	rt.Command("deals", firstPage(showDeals), sellers...)
	rt.Command("find", handleFind, sellers...)
	rt.Command("invoices", firstPage(showInvoices), invoicing...)
	rt.Command("team", handleTeam, leads...)
	rt.Command("stale", handleStale, leads...)
	rt.Command("reports", showReportsMenu, leads...)
	// /pipeline, /managers, /segments, /sources, /funnel, /lost, /export.
	for _, rep := range reportList {
		rt.Command(rep.command, func(r *Request) error { return runReportCommand(r, rep) }, leads...)
	}
	rt.Command("settings", showSettings, domain.RoleOwner)
	rt.Command("people", showPeople, leads...)
	rt.Command("apikeys", showAPIKeys, domain.RoleOwner)
	rt.Command("ext", showExtensions, domain.RoleOwner)
	rt.Command("invite", handleInvite, domain.RoleOwner, domain.RoleHead)
	rt.Command("away", handleAway, sellers...)
	rt.Command("back", handleBack, sellers...)
	rt.Command("import", handleImport, leads...)
	rt.Command("cancel", cancelDialog)
	rt.Command("help", handleHelp)
	rt.Command("lang", handleLang)
}

// addCallbacks lists the buttons by the prefix of their callback data
// ("prefix:arg:...").
func addCallbacks(rt *routes) {
	rt.Callback("d", handleCardButton, sellers...) // the deal card, see addCardActions
	rt.Callback("td", pageButton(showToday), sellers...)
	rt.Callback("dl", pageButton(showDeals), sellers...)
	rt.Callback("ld", handleLeadPress, sellers...)
	rt.Callback("fd", handleFindPress, sellers...)
	rt.Callback("ns", handleNextStepPress, sellers...)
	rt.Callback("tk", handleTaskButton, sellers...)
	rt.Callback("dk", continueHeldDialog, sellers...)
	rt.Callback("dh", discardHeldDialog, sellers...)
	rt.Callback("rx", handleReactivation, sellers...)
	rt.Callback("iv", handleInvoiceButton, invoicing...)
	rt.Callback("stl", handleStale, leads...)
	rt.Callback("rc", reassignClientAction, leads...)
	rt.Callback("esc", handleEscalation, leads...)
	rt.Callback("rp", onReportButton, leads...)
	rt.Callback("ex", onSegmentExport, leads...)
	rt.Callback("st", onSettingsButton, domain.RoleOwner)
	rt.Callback("stc", onCurrencyButton, domain.RoleOwner)
	rt.Callback("ak", onAPIKeyButton, domain.RoleOwner)
	rt.Callback("lt", onTakeLead, domain.RoleManager)
	rt.Callback("std", onLeadRuleButton, domain.RoleOwner)
	rt.Callback("xt", onExtButton, domain.RoleOwner)
	rt.Callback("ce", onCallAnswer, sellers...)
	rt.Callback("inv", handleInvitePick, domain.RoleOwner, domain.RoleHead)
	rt.Callback("ih", handleInviteHead, domain.RoleOwner)
	rt.Callback("pp", onPeopleButton, leads...)
	rt.Callback("ppl", showPeople, leads...)
	rt.Callback("im", onImportButton, leads...)
	rt.Callback("lang", handleLangPick)
	rt.Callback("aw", onAwayButton, sellers...)
	rt.Callback("awc", onAwayConfirm, sellers...)
	rt.Callback("bk", onBackButton, sellers...)
	rt.Callback("ap", handleApprovalButton, domain.RoleLawyer)
	rt.Callback("fr", onFileRetry) // a file that could not be sent, again
}

// addDialogs lists the handlers of text typed while in a dialog, by the
// dialog's name, and which dialogs hold typed data (see heldDialog).
func addDialogs(rt *routes) {
	rt.Dialog(leadDialogName, handleLeadText, sellers...)
	rt.Keeps(leadDialogName, heldDialog{summary: leadTyped, resume: resumeLead})
	rt.Dialog(findDialogName, handleFindText, sellers...)
	rt.Dialog(nextStepDialogName, handleNextStepText, sellers...)
	rt.Dialog(dlgCall, callNoteTyped, sellers...)
	rt.Dialog(dlgNote, noteTyped, sellers...)
	rt.Dialog(invoiceAction.dialog, invoiceAction.typed, sellers...)
	rt.Dialog(wonAction.dialog, wonAction.typed, sellers...)
	rt.Dialog(dlgLost, lostReasonTyped, sellers...)
	rt.Dialog(dlgAttach, fileSent, sellers...)
	rt.Dialog(dlgApproval, approvalFileSent, sellers...)
	rt.Dialog(dlgApprovalComment, approvalCommentTyped, domain.RoleLawyer)
	rt.Dialog(dlgEdit, typedEditValue, sellers...)
	rt.Dialog(dlgReactNo, reactivationReasonTyped, sellers...)
	rt.Dialog(dlgEscLost, escalationLostTyped, leads...)
	rt.Dialog(reportDialog, onReportPeriod, leads...)
	rt.Dialog(settingsDialog, onSettingsValue, domain.RoleOwner)
	rt.Dialog(teamNameDialog, onTeamName, domain.RoleOwner)
	rt.Dialog(awayDialog, onAwayUntil, sellers...)
	rt.Dialog(apiKeyDialog, onAPIKeyName, domain.RoleOwner)
	rt.Dialog(extDialog, onExtTyped, domain.RoleOwner)
	rt.Dialog(importDialog, importFileSent, leads...)
}

// addMatchers lists what a plain message no command, menu button or
// dialog took may be, in the order tried: the first that matches answers.
func addMatchers(rt *routes) {
	rt.Match("contact", isContact, handleContact, sellers...)
	rt.Match("forward", isForward, handleForward, sellers...)
	rt.Match("file", isFile, fileWithoutDeal, sellers...)
	rt.Match("phone", isBarePhone, handlePhoneLookup, sellers...)
}

// addCardActions lists the deal card's buttons, "d:<dealID>:<action>[:arg]",
// by action; "" shows the card.
func addCardActions(rt *routes) {
	rt.Card("", showCard)
	rt.Card("call", callAction)
	rt.Card("cs", skipCallNote)
	rt.Card("note", noteAction)
	rt.Card("next", nextStage)
	rt.Card("stages", pickStage)
	rt.Card("mv", moveStage)
	rt.Card("ivs", moveToInvoiceStage)
	rt.Card("step", stayOnStage)
	rt.Card(invoiceAction.action, invoiceAction.press) // "inv"
	rt.Card(wonAction.action, wonAction.press)         // "won"
	rt.Card("lost", lostAction)
	rt.Card("file", attachAction)
	rt.Card("apr", approvalAction)
	rt.Card("x", cancelCardDialog)
	rt.Card("ed", pressEdit)
	rt.Card("fill", pressFillMissing)
	rt.Card("ev", pressEditValue)
	rt.Card("ec", pressEditClear)
	rt.Card("es", pressEditSkip)
	rt.Card("re", reassignDealAction)
	rt.Card("rcl", reassignClientFromCard)
	rt.Card("hist", showHistory)
	rt.Card("hf", sendHistoryFile)
}

// addNotifications lists how each kind of outbox notification reads.
func addNotifications(rt *routes) {
	rt.Notification(domain.NoteTaskDue, renderTaskDue)
	rt.Notification(domain.NotePaymentTask, renderTaskDue)
	rt.Notification(domain.NoteTaskOverdue, renderTaskOverdue)
	rt.Notification(domain.NoteSpeedManager, renderSpeed("notify.speed_manager"))
	rt.Notification(domain.NoteSpeedHead, renderSpeed("notify.speed_head"))
	rt.Notification(domain.NoteCadence, renderCadence)
	rt.Notification(domain.NoteNoStepManager, renderNoStep("notify.no_step_manager"))
	rt.Notification(domain.NoteNoStepHead, renderNoStep("notify.no_step_head"))
	rt.Notification(domain.NoteDealReassigned, renderReassigned)
	rt.Notification(domain.NoteAwayDeputy, renderAwayNote)
	rt.Notification(domain.NoteAwayMarked, renderAwayNote)
	rt.Notification(domain.NoteEscalation, renderEscalation)
	rt.Notification(domain.NoteApproval, renderApproval)
	rt.Notification(domain.NoteApprovalDecided, renderApprovalDecided)
	rt.Notification(domain.NoteApprovalReminder, renderApprovalReminder)
	rt.Notification(domain.NoteApprovalEscalated, renderApprovalEscalated)
	rt.Notification(domain.NoteReactivation, renderReactivation)
	rt.Notification(domain.NoteReactSummary, renderReactSummary)
	rt.Notification(domain.NoteDigestManager, renderManagerDigest)
	rt.Notification(domain.NoteDigestHead, renderHeadDigest)
	rt.Notification(domain.NoteWeeklyOwner, renderWeeklyOwner)
	rt.Notification(domain.NoteHandover, renderHandover)
	rt.Notification(domain.NoteRoleChanged, renderRoleChanged)
	rt.Notification(domain.NoteInboundLead, renderInbound)
	rt.Notification(domain.NoteInboundAgain, renderInbound)
	rt.Notification(domain.NoteInboundOffer, renderOffer)
	rt.Notification(domain.NoteCallRinging, renderCall)
	rt.Notification(domain.NoteCallEnded, renderCall)
	rt.Notification(domain.NoteCallMissed, renderCall)
}
