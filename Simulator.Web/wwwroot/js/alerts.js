// Browser notifications for in-app alerts (the Notification API; needs the user's permission once).
export function permission() {
    return "Notification" in window ? Notification.permission : "unsupported";
}

export async function requestPermission() {
    if (!("Notification" in window)) {
        return "unsupported";
    }
    return await Notification.requestPermission();
}

export function notify(title, body, tag) {
    if (!("Notification" in window) || Notification.permission !== "granted") {
        return false;
    }
    new Notification(title, { body: body, tag: tag });
    return true;
}
