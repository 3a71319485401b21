import logging
import os

from dotenv import load_dotenv
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from app.fetch import fetch_article
from app.summarize import summarize

load_dotenv()

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)

TELEGRAM_TOKEN = os.getenv("TELEGRAM_TOKEN")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE):
    await update.message.reply_text("Send me a link to a news article and I'll summarize it for you!")


async def handle_link(update: Update, context: ContextTypes.DEFAULT_TYPE):
    url = update.message.text.strip()
    if not url.startswith("http"):
        await update.message.reply_text("That doesn't look like a link.")
        return
    await update.message.reply_text("Reading the article...")
    try:
        title, text = fetch_article(url)
        summary = summarize(text)
        await update.message.reply_text(f"*{title}*\n\n{summary}", parse_mode="Markdown")
    except Exception as e:
        logger.error(e)
        await update.message.reply_text("Sorry, something went wrong.")


def main():
    app = Application.builder().token(TELEGRAM_TOKEN).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handle_link))
    app.run_polling()


if __name__ == "__main__":
    main()
